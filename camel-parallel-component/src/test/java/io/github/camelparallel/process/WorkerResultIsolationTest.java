package io.github.camelparallel.process;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With real JVM workers: an item whose result cannot be written, or whose input or result is
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

    @Test
    void oversizedResultsFailTheirItemsAndNeverBreakTheJvmPool() throws Exception {
        start("task=" + TASK + "&poolSize=1&chunkSize=3&maxMessageSize=4096&onError=collect");
        for (int round = 0; round < 4; round++) {
            Exchange out = TestContexts.send(context, "direct:in", List.of("a" + round, "big:5000", "b" + round));
            assertEquals(Arrays.asList("a" + round + "!", null, "b" + round + "!"), results(out), "round " + round);
            String error = ((Throwable) errors(out).get(1)).getMessage();
            assertTrue(error.contains("4096") && error.contains("maxMessageSize"), error);
        }
        assertEquals(List.of("x!"), results(TestContexts.send(context, "direct:in", List.of("x"))));
        assertEquals(0, backend().restarts(), "a JVM worker fails an oversized result itself, without a restart");
    }

    @Test
    void oversizedResultsOfACommandWorkerFailTheirItemsAndNeverBreakThePool(@TempDir Path dir) throws Exception {
        assumeTrue(python3(), "python3 is not on the PATH of this machine");
        Path script = dir.resolve("big_worker.py");
        Files.writeString(script, "import sys\nsys.path.insert(0, " + pythonString(PYTHON_DIR) + ")\n"
                + "from camel_parallel_worker import serve\n"
                + "serve(lambda s: 'x' * int(s[4:]) if s.startswith('big:') else s + '!')\n");
        start("command=RAW(python3 " + script + ")&poolSize=1&chunkSize=3&maxMessageSize=4096&onError=collect");
        for (int round = 0; round < 4; round++) {
            Exchange out = TestContexts.send(context, "direct:in", List.of("a" + round, "big:5000", "b" + round));
            assertEquals(Arrays.asList("a" + round + "!", null, "b" + round + "!"), results(out), "round " + round);
            String error = ((Throwable) errors(out).get(1)).getMessage();
            assertTrue(error.contains("4096") && error.contains("maxMessageSize"), error);
        }
        assertEquals(List.of("x!"), results(TestContexts.send(context, "direct:in", List.of("x"))));
    }

    @Test
    void deeplyNestedItemsComeBackExactlyOrFailAloneOnAJvmWorker() throws Exception {
        start("task=" + TASK + "&poolSize=1&chunkSize=4&onError=collect");
        List<Object> body = List.of(1, nested(990), nested(1200), 2);
        Exchange out = TestContexts.send(context, "direct:in", body);
        List<?> results = results(out);
        assertEquals(1, results.get(0));
        assertEquals(nested(990), results.get(1), "990 levels are within the protocol's depth: back exactly");
        assertNull(results.get(2));
        assertEquals(2, results.get(3));
        String error = ((Throwable) errors(out).get(2)).getMessage();
        assertTrue(error.contains("Item 2") && error.contains("nest"), error);
        assertEquals(List.of("x!"), results(TestContexts.send(context, "direct:in", List.of("x"))));
    }

    /** A list nested {@code depth} deep around the string "core". */
    static Object nested(int depth) {
        Object value = "core";
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    static final Path PYTHON_DIR = io.github.camelparallel.testing.PythonModule.DIR;

    static boolean python3() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "python3")));
    }

    static String pythonString(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
