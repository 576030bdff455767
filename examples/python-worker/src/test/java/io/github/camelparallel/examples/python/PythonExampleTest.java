package io.github.camelparallel.examples.python;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The example as its README runs it, in both DSLs, with real python3 workers: every sample is described by Python, in
 * input order, and agrees with Java (the report refuses any other answer); the work ran in python3 processes, not in
 * this JVM. Skipped, saying why, where python3 is not installed; the skip path itself runs everywhere.
 */
class PythonExampleTest {

    @Test
    void yamlRouteCallsThePythonFunctionOverTheBatch() throws Exception {
        assumePython();

        PythonExampleRun run = PythonExampleRun.run(PythonExampleRun.SMALL);

        assertPythonRun(run, "yaml-python");
    }

    @Test
    void javaRouteCallsThePythonFunctionOverTheBatch() throws Exception {
        assumePython();
        Map<String, String> properties = new HashMap<>(PythonExampleRun.SMALL);
        properties.put("example.dsl", "java");

        PythonExampleRun run = PythonExampleRun.run(properties);

        assertPythonRun(run, "java-python");
    }

    @Test
    void withoutPythonTheExampleSkipsAndSaysWhy() throws Exception {
        Map<String, String> properties = new HashMap<>(PythonExampleRun.SMALL);
        properties.put("python.executable", "no-such-python3");

        PythonExampleRun run = PythonExampleRun.run(properties);

        assertEquals(0, run.exitCode(), "a skip is a normal end");
        assertEquals(List.of("yaml-python"), run.routeIds());
        assertTrue(run.check().getProblem().startsWith("'no-such-python3' cannot be run"), run.check().getProblem());
        assertEquals(List.of(), run.report().getResults(), "no batch ran");
    }

    private static void assumePython() {
        PythonCheck python = new PythonCheck();
        assumeTrue(python.available(),
                () -> "python3 is not installed here, so the example skips: " + python.getProblem());
    }

    private static void assertPythonRun(PythonExampleRun run, String routeId) {
        assertEquals(0, run.exitCode(), "the application ends by itself with exit code 0");
        assertEquals(List.of(routeId), run.routeIds(), "example.dsl picks exactly one of the two routes");
        assertNotNull(run.check().getVersion());

        List<Map<String, Object>> results = run.report().getResults();
        assertEquals(24, results.size(), "one answer per sample");
        List<List<Double>> samples = new Samples().batch(24, 50);
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(StatsReport.mean(samples.get(i)), ((Number) results.get(i).get("mean")).doubleValue(), 1e-9,
                    "sample " + i + " in its place");
        }
        List<Long> pids = run.report().getWorkerPids();
        assertTrue(pids.size() >= 1 && pids.size() <= 2, "at most poolSize=2 workers: " + pids);
        assertFalse(pids.contains(ProcessHandle.current().pid()), "the function ran in python3 processes");
    }
}
