package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A body that is not a batch fails the exchange with an error naming its type, and nothing runs. */
class BadBodyTest {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static CamelContext context;

    @BeforeAll
    static void start() throws Exception {
        Function<Object, Object> task = item -> {
            RUNS.incrementAndGet();
            return item;
        };
        context = TestContexts.started(Map.of("task", task),
                TestContexts.route("direct:in", "parallel:bad?task=#task&poolSize=2"));
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    record Pojo(String name) {
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of(null, "null"),
                Arguments.of("1,2,3", "java.lang.String"),
                Arguments.of(Map.of("a", 1), "java.util."),
                Arguments.of(new Pojo("x"), Pojo.class.getName()),
                Arguments.of(42, "java.lang.Integer"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void refusedWithTheTypeNamed(Object body, String typeInMessage) {
        RUNS.set(0);
        Exchange out = TestContexts.send(context, "direct:in", body);
        IllegalArgumentException error = assertInstanceOf(IllegalArgumentException.class, out.getException());
        assertTrue(error.getMessage().contains(typeInMessage), error.getMessage());
        assertTrue(error.getMessage().contains("parallel:bad"), error.getMessage());
        assertEquals(0, RUNS.get(), "nothing may run for a bad body");
        // and the pool still serves
        assertEquals(List.of(1, 2), TestContexts.send(context, "direct:in", List.of(1, 2)).getMessage().getBody());
    }

    @Test
    void aMissingFileIsNamed() {
        RUNS.set(0);
        Exchange out = TestContexts.send(context, "direct:in", java.nio.file.Path.of("/nonexistent/batch.txt"));
        java.io.UncheckedIOException error = assertInstanceOf(java.io.UncheckedIOException.class, out.getException());
        assertTrue(error.getMessage().contains("/nonexistent/batch.txt"), error.getMessage());
        assertTrue(error.getMessage().contains("parallel:bad"), error.getMessage());
        assertEquals(0, RUNS.get());
    }
}
