package io.github.camelparallel.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23 (5, 10, 11) on real JVM workers: an item whose result cannot be written, or whose input or result is
 * beyond what the protocol carries, fails alone with an error naming it; its neighbours keep their values, the worker
 * is not restarted for it, and the pool still serves.
 */
class WorkerResultIsolationTest {

    private static final String TASK = "#class:" + ResultKinds.class.getName();

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(String options) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:proc?backend=process&" + options));
    }

    private ProcessPoolBackend backend() {
        return (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class).getPoolBackend("proc");
    }

    private static List<?> results(Exchange out) {
        if (out.getException() != null) {
            throw new AssertionError("batch failed", out.getException());
        }
        return out.getMessage().getBody(List.class);
    }

    private static Map<?, ?> errors(Exchange out) {
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        return errors == null ? Map.of() : errors;
    }

    @Test
    void anUnwritableResultFailsItsOwnItemAloneNamingItsType() throws Exception {
        start("task=" + TASK + "&poolSize=1&chunkSize=6&onError=collect");
        Exchange out = TestContexts.send(context, "direct:in", List.of("a", "self", "b", "getter", "c", "d"));
        List<?> results = results(out);
        assertEquals(Arrays.asList("a!", null, "b!", null, "c!", "d!"), results);
        Map<?, ?> errors = errors(out);
        assertEquals(List.of(1, 3), new ArrayList<>(new java.util.TreeSet<>((java.util.Set<Integer>) errors.keySet())));
        String self = ((Throwable) errors.get(1)).getMessage();
        String getter = ((Throwable) errors.get(3)).getMessage();
        assertTrue(self.contains("java.util.ArrayList"), self);
        assertTrue(getter.contains("FailingGetter"), getter);
        assertEquals(0, backend().restarts(), "no worker was restarted for an unwritable result");
        assertEquals(List.of("e!"), results(TestContexts.send(context, "direct:in", List.of("e"))));
    }
}
