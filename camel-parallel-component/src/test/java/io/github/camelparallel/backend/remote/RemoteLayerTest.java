package io.github.camelparallel.backend.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.FrameValues;
import io.github.camelparallel.protocol.ItemError;
import io.github.camelparallel.spi.Chunk;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The remote layer both out-of-process backends share, without processes or a cluster: a chunk's items become one run
 * frame with each unsendable item failing alone (named by index and type), and a result frame becomes runs of
 * successes plus {@link RemoteTaskException}s, every item reported exactly once.
 */
class RemoteLayerTest {

    private static Chunk chunk(int firstIndex, Object... items) {
        return new Chunk(firstIndex, Arrays.asList(items), 1, null, 0);
    }

    private static Object nested(int depth) {
        Object value = 1;
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    @Test
    void unsendableItemsFailAloneAndTheOthersAreEncodedInOrder() throws Exception {
        Map<String, Object> selfContaining = new HashMap<>();
        selfContaining.put("me", selfContaining);
        Chunk chunk = chunk(10, "a", selfContaining, 3, nested(FrameValues.MAX_DEPTH + 5), nested(5));
        Map<Integer, IllegalArgumentException> failed = new HashMap<>();

        RemoteItems.Encoded encoded = RemoteItems.encode(chunk, failed::put);

        assertArrayEquals(new int[] { 0, 2, 4 }, encoded.offsets());
        assertEquals(3, encoded.size());
        assertEquals(List.of(1, 3), failed.keySet().stream().sorted().toList());
        assertTrue(failed.get(1).getMessage().startsWith("Item 11 of type java.util.HashMap cannot be sent as JSON"),
                failed.get(1).getMessage());
        assertTrue(failed.get(3).getMessage().contains("Item 13 of type"), failed.get(3).getMessage());
        assertTrue(failed.get(3).getMessage().contains("nests deeper than " + FrameValues.MAX_DEPTH), failed.get(3).getMessage());
        // the encoded items are the run frame's: a worker reads them back as sent
        byte[] line = FrameCodec.SHARED.encodeRunLine(7, encoded.encodedItems());
        Frame.Run run = assertInstanceOf(Frame.Run.class, FrameCodec.SHARED.decode(new String(line, 0, line.length - 1, "UTF-8")));
        assertEquals(7, run.id());
        assertEquals(List.of(FrameCodec.SHARED.toTree("a"), FrameCodec.SHARED.toTree(3), FrameCodec.SHARED.toTree(nested(5))),
                run.items());
        assertEquals("a", run.items().get(0).asText());
        assertEquals(3, run.items().get(1).asInt());
    }

    @Test
    void aChunkOfOnlyUnsendableItemsEncodesToNothing() {
        List<Integer> failed = new ArrayList<>();
        assertNull(RemoteItems.encode(chunk(0, nested(FrameValues.MAX_DEPTH + 1)), (offset, e) -> failed.add(offset)));
        assertEquals(List.of(0), failed);
    }

    @Test
    void resultsAreReportedInRunsOfSuccessesAndFailuresOneByOne() {
        Chunk chunk = chunk(0, 0, 1, 2, 3, 4, 5, 6);
        int[] offsets = { 0, 1, 2, 4, 5, 6 }; // offset 3 was not sent: a run cannot span it
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> values = List.of(f.numberNode(0), f.numberNode(10), f.nullNode(), f.numberNode(40),
                f.textNode("not a number"), f.numberNode(60));
        Frame.Result result = new Frame.Result(1, values,
                List.of(new ItemError(2, "ValueError", "bad item", "trace line")));
        Recorder recorder = new Recorder();

        new RemoteResults(Integer.class).report(chunk, offsets, result, recorder);

        assertEquals(List.of("ok 0 [0, 10]", "failed 2", "ok 4 [40]", "failed 5", "ok 6 [60]"), recorder.events);
        RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, recorder.errors.get(2));
        assertEquals("ValueError", remote.getRemoteType());
        assertEquals("trace line", remote.getRemoteTrace());
        assertEquals("ValueError: bad item", remote.getMessage());
        IllegalArgumentException unreadable = assertInstanceOf(IllegalArgumentException.class, recorder.errors.get(5));
        assertTrue(unreadable.getMessage().startsWith("Result of item 5 cannot be read as class java.lang.Integer"),
                unreadable.getMessage());
    }

    @Test
    void failAllReportsEverySentItem() {
        Recorder recorder = new Recorder();
        RuntimeException error = new IllegalStateException("gone");
        RemoteResults.failAll(new int[] { 1, 3 }, error, recorder);
        assertEquals(List.of("failed 1", "failed 3"), recorder.events);
        assertEquals(error, recorder.errors.get(3));
    }

    private static final class Recorder implements ItemReports {
        final List<String> events = new ArrayList<>();
        final Map<Integer, Throwable> errors = new HashMap<>();

        @Override
        public void failed(int offset, Throwable error) {
            events.add("failed " + offset);
            errors.put(offset, error);
        }

        @Override
        public void succeeded(int fromOffset, Object[] results, int count) {
            events.add("ok " + fromOffset + " " + Arrays.toString(Arrays.copyOf(results, count)));
        }
    }
}
