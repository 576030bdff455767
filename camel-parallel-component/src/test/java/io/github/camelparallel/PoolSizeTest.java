package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToStartRouteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** poolSize: positive as given, negatives as joblib's n_jobs, 0 or below 1 an error at start naming the option. */
class PoolSizeTest {

    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    private static int resolvedPoolSize(String options) throws Exception {
        Function<Object, Object> task = x -> x;
        CamelContext context = TestContexts.started(Map.of("task", task),
                TestContexts.route("direct:in", "parallel:sized?task=#task" + options));
        try {
            assertEquals(List.of(1), TestContexts.send(context, "direct:in", List.of(1)).getMessage().getBody());
            return context.getComponent("parallel", ParallelComponent.class).getPoolSpec("sized").poolSize();
        } finally {
            context.stop();
        }
    }

    @Test
    void defaultIsEveryProcessor() throws Exception {
        assertEquals(CPUS, resolvedPoolSize(""));
    }

    @Test
    void positiveIsTakenAsIs() throws Exception {
        assertEquals(3, resolvedPoolSize("&poolSize=3"));
    }

    @Test
    void minusOneIsEveryProcessorAndMinusTwoAllButOne() throws Exception {
        assertEquals(CPUS, resolvedPoolSize("&poolSize=-1"));
        if (CPUS >= 2) {
            assertEquals(CPUS - 1, resolvedPoolSize("&poolSize=-2"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1000 })
    void zeroOrTooNegativeFailsAtStartNamingTheOption(int poolSize) throws Exception {
        CamelContext context = TestContexts.create(Map.of("task", (Function<Object, Object>) x -> x),
                TestContexts.route("direct:in", "parallel:sized?task=#task&poolSize=" + poolSize));
        Exception error = assertThrows(Exception.class, context::start);
        Throwable root = rootCause(error);
        assertTrue(error instanceof FailedToStartRouteException || root instanceof IllegalArgumentException, error.toString());
        assertTrue(root.getMessage().contains("poolSize"), root.getMessage());
        context.stop();
    }

    static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
