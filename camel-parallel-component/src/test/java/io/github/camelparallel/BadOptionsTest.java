package io.github.camelparallel;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad option value fails the route at start with a message naming the option. */
class BadOptionsTest {

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("backend=gpu", "backend"),
                Arguments.of("chunkSize=-1", "chunkSize"),
                Arguments.of("maxRetries=-2", "maxRetries"),
                Arguments.of("onError=ignore", "onError"),
                Arguments.of("taskTimeout=soon", "taskTimeout"),
                Arguments.of("threadPoolProfile=nope", "threadPoolProfile"),
                Arguments.of("poolSiz=2", "poolSiz"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void failsAtStartNamingTheOption(String option, String named) throws Exception {
        CamelContext context = TestContexts.create(Map.of("task", (Function<Object, Object>) x -> x),
                TestContexts.route("direct:in", "parallel:bad?task=#task&" + option));
        Exception error = assertThrows(Exception.class, context::start);
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        assertTrue(messages.toString().contains(named), messages.toString());
        context.stop();
    }
}
