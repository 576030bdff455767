package io.github.camelparallel.reliability;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.worker.RunExecutor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The wire never chooses a Java type. A run line whose items look like Jackson's
 * polymorphic payloads (a class name as the first element of an array, an {@code @class} property) reaches a task of
 * undeclared input type as plain JSON values (a List, a Map), in a worker as on a cluster member; nothing named on the
 * wire is instantiated.
 */
class SecurityWireTest {

    /** Returns what it was given: the type that reached the task is the result's type. */
    public static class Identity implements Function<Object, Object> {
        @Override
        public Object apply(Object item) {
            return item.getClass().getName();
        }
    }

    @Test
    void classNamesOnTheWireStayPlainJson() throws Exception {
        String line = "{\"type\":\"run\",\"id\":1,\"items\":[[\"java.io.File\",\"/etc/passwd\"],"
                + "{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"id\"]},"
                + "{\"@type\":\"java.net.URL\",\"val\":\"http://example.invalid\"}]}";
        Frame.Run run = assertInstanceOf(Frame.Run.class, FrameCodec.SHARED.decode(line));
        for (RunExecutor executor : List.of(RunExecutor.of(new Identity()), RunExecutor.forClusterMember(new Identity()))) {
            Frame.Result result = executor.execute(run);
            assertEquals(List.of(), result.errors());
            List<String> types = result.results().stream().map(JsonNode::textValue).toList();
            assertEquals(3, types.size());
            assertInstanceOf(List.class, newInstanceOf(types.get(0)), "an array stays a List: " + types.get(0));
            assertInstanceOf(Map.class, newInstanceOf(types.get(1)), "@class stays a Map: " + types.get(1));
            assertInstanceOf(Map.class, newInstanceOf(types.get(2)), "@type stays a Map: " + types.get(2));
        }
    }

    private static Object newInstanceOf(String className) throws ReflectiveOperationException {
        return Class.forName(className).getConstructor().newInstance();
    }
}
