package io.github.camelparallel.backend.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.FrameValues;
import io.github.camelparallel.protocol.ItemError;
import io.github.camelparallel.worker.RunExecutor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a cluster member makes of a run, without a cluster: every item's outcome is its own (an unwritable result, a
 * result nested deeper than a frame carries, an OutOfMemoryError), the result frame always encodes and decodes, and
 * class names on the wire stay plain JSON.
 */
class ClusterMemberRunTest {

    /** n → 10n; 1 → a list containing itself; 2 → 5,000 lists deep; 3 → 999 deep; 4 → 998 deep; 5 → OOM. */
    public static class Awkward implements Function<Integer, Object> {
        @Override
        public Object apply(Integer n) {
            return switch (n) {
                case 1 -> {
                    List<Object> self = new ArrayList<>();
                    self.add(self);
                    yield self;
                }
                case 2 -> nested(5_000);
                case 3 -> nested(FrameValues.MAX_DEPTH + 1);
                case 4 -> nested(FrameValues.MAX_DEPTH);
                case 5 -> throw new OutOfMemoryError("pretend");
                default -> n * 10;
            };
        }
    }

    public static class Identity implements Function<Object, Object> {
        @Override
        public Object apply(Object item) {
            return item.getClass().getName();
        }
    }

    static List<Object> nested(int depth) {
        List<Object> list = new ArrayList<>();
        for (int i = 1; i < depth; i++) {
            List<Object> outer = new ArrayList<>();
            outer.add(list);
            list = outer;
        }
        return list;
    }

    @Test
    void eachUnwritableResultFailsAloneAndTheFrameStillTravels() throws Exception {
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            items.add(IntNode.valueOf(i));
        }
        Frame.Result result = RunExecutor.forClusterMember(new Awkward()).execute(new Frame.Run(42, items));
        // the frame as the parent reads it
        Frame.Result read = assertInstanceOf(Frame.Result.class,
                FrameCodec.SHARED.decode(FrameCodec.SHARED.encode(result)));
        assertEquals(7, read.results().size());
        assertEquals(0, read.results().get(0).intValue());
        assertEquals(60, read.results().get(6).intValue());
        assertTrue(read.results().get(4).isArray(), "998 deep still travels");
        Map<Integer, ItemError> errors = new java.util.HashMap<>();
        read.errors().forEach(e -> errors.put(e.index(), e));
        assertEquals(java.util.Set.of(1, 2, 3, 5), errors.keySet());
        for (int i : new int[] {1, 2, 3}) {
            ItemError error = errors.get(i);
            assertEquals(IllegalArgumentException.class.getName(), error.error());
            assertTrue(error.message().startsWith("cannot convert the result (java.util.ArrayList) to JSON"),
                    error.message());
        }
        assertTrue(errors.get(1).message().contains("contains itself"), errors.get(1).message());
        assertTrue(errors.get(3).message().contains("deeper than " + FrameValues.MAX_DEPTH), errors.get(3).message());
        assertEquals(OutOfMemoryError.class.getName(), errors.get(5).error());
    }

    @Test
    void depthIsMeasuredWithoutRecursion() {
        JsonNode deep = FrameCodec.SHARED.toTree(nested(500));
        assertFalse(FrameValues.deeperThan(deep, 500));
        assertTrue(FrameValues.deeperThan(deep, 499));
        assertFalse(FrameValues.deeperThan(IntNode.valueOf(1), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameValues.tree(nested(50_000)));
        assertTrue(e.getMessage().contains("nests deeper"), e.getMessage());
    }

    @Test
    void classNamesOnTheWireStayPlainJson() throws Exception {
        String line = "{\"type\":\"run\",\"id\":1,\"items\":[[\"java.io.File\",\"/etc/passwd\"],"
                + "{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"id\"]},"
                + "{\"@type\":\"java.net.URL\",\"val\":\"http://example.invalid\"}]}";
        Frame.Run run = assertInstanceOf(Frame.Run.class, FrameCodec.SHARED.decode(line));
        Frame.Result result = RunExecutor.forClusterMember(new Identity()).execute(run);
        assertEquals(List.of(), result.errors());
        List<String> types = result.results().stream().map(JsonNode::textValue).toList();
        assertEquals(List.of("java.util.ArrayList", "java.util.LinkedHashMap", "java.util.LinkedHashMap"), types);
    }
}
