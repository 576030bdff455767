package io.github.camelparallel.reliability;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Python side of docs/reliability.md's comparison table: runs {@code reliability/python_pools.py} (standard library
 * only) on this machine, which puts {@code multiprocessing.Pool}, {@code ProcessPoolExecutor} and joblib (when
 * installed) through the faults camel-parallel's own tests inflict (a killed worker, a task that raises, a hung task
 * with a timeout, a failing initializer), each scenario in its own interpreter under a hard timeout. This test checks
 * that every scenario reported an outcome, that nothing was left running, and logs the rows
 * ({@code PYTHON library | scenario | outcome}). Skipped when python3 is not on the PATH.
 */
class PythonComparisonTest {

    private static final Logger LOG = LoggerFactory.getLogger(PythonComparisonTest.class);

    @TempDir
    Path dir;

    @Test
    void everyScenarioReportsAnOutcomeAndNothingIsLeftRunning() throws Exception {
        assumeTrue(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "python3"))), "python3 is not on the PATH of this machine");
        Path script = dir.resolve("python_pools.py");
        try (var in = getClass().getResourceAsStream("/reliability/python_pools.py")) {
            Files.copy(in, script);
        }
        BadInputLeaks.Snapshot before = BadInputLeaks.take();
        Path out = dir.resolve("rows.jsonl");
        Process driver = new ProcessBuilder("python3", script.toString()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!driver.waitFor(180, TimeUnit.SECONDS)) {
            driver.descendants().forEach(ProcessHandle::destroyForcibly);
            driver.destroyForcibly();
            fail("the Python driver did not finish within 180 s");
        }
        assertEquals(0, driver.exitValue());
        ObjectMapper json = new ObjectMapper();
        List<Map<?, ?>> rows = Files.readAllLines(out, StandardCharsets.UTF_8).stream().<Map<?, ?>>map(line -> {
            try {
                return (Map<?, ?>) json.readValue(line, Map.class);
            } catch (Exception e) {
                throw new AssertionError("not a JSON row: " + line, e);
            }
        }).toList();
        rows.forEach(r -> LOG.info("PYTHON {} {} | {} | {} | {} s", r.get("library"), r.get("python"), r.get("scenario"),
                r.get("outcome"), r.get("seconds")));
        assertEquals(12, rows.size(), "3 libraries x 4 scenarios: " + rows);
        for (Map<?, ?> row : rows) {
            String outcome = String.valueOf(row.get("outcome"));
            assertFalse(outcome.isBlank() || outcome.startsWith("exited"), "the scenario itself broke: " + row);
        }
        assertTrue(rows.stream().anyMatch(r -> r.get("library").equals("multiprocessing.Pool")), "Pool was run");
        BadInputLeaks.awaitNewProcesses(before, 0, BadInputRunner.HARD_BOUND);
    }
}
