package io.github.camelparallel.reliability;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Parent death: a child JVM running a route with {@code backend=process} is killed with -9 while both its workers are
 * busy with items that never end (the JVM worker's item even ignores interrupts); every process below it is gone
 * within {@value #BOUND_MILLIS} ms of its death. Nothing in the parent gets a chance to clean up: the workers notice
 * the end of their stdin (their reader thread sees it even while the task runs) and exit on their own. Run for the JVM
 * worker and for the Python reference worker. {@value #ROUNDS_PROPERTY} repeats it ({@code -Pchaos}: 10 rounds).
 */
class ParentDeathTest {

    static final long BOUND_MILLIS = 2000;
    static final String ROUNDS_PROPERTY = "parentdeath.rounds";
    private static final Path PYTHON_WORKER_DIR = io.github.camelparallel.testing.PythonModule.DIR;

    @Test
    void jvmWorkersExitWithinTwoSecondsOfTheirParentsKillMinusNine() throws Exception {
        rounds("jvm", List.of());
    }

    @Test
    void pythonWorkersExitWithinTwoSecondsOfTheirParentsKillMinusNine() throws Exception {
        assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "python3"))), "python3 is not on the PATH");
        String script = "import sys, time; sys.path.insert(0, '" + PYTHON_WORKER_DIR + "'); "
                + "from camel_parallel_worker import serve; serve(lambda item: time.sleep(3600))";
        rounds("python", List.of("python3 -c \"" + script + "\""));
    }

    private void rounds(String kind, List<String> args) throws Exception {
        int rounds = Integer.getInteger(ROUNDS_PROPERTY, 1);
        ChaosTally tally = new ChaosTally("parent-death " + kind, "rounds", "kills", "workers", "orphans",
                "slowestExitMillis");
        long slowest = 0;
        for (int round = 0; round < rounds; round++) {
            long millis = killParentAndTimeWorkers(args, tally);
            slowest = Math.max(slowest, millis);
            tally.add("rounds", 1);
        }
        tally.add("slowestExitMillis", slowest);
        tally.report();
        assertEquals(0, tally.get("orphans"), "workers outlived their parent");
        assertTrue(slowest <= BOUND_MILLIS, "the slowest worker exited " + slowest + " ms after its parent died");
    }

    /**
     * Alive and not a zombie: an orphan that exited stays a zombie until the machine's init reaps it, which
     * {@link ProcessHandle#isAlive} counts as alive (on Linux the state is in {@code /proc/PID/stat}).
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return process.isAlive(); // no /proc (not Linux) or gone meanwhile
        }
    }

    /** One round: returns how long after the parent's death its last descendant was gone, in ms. */
    private static long killParentAndTimeWorkers(List<String> args, ChaosTally tally) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ParentDeathMain.class.getName()));
        command.addAll(args);
        Process parent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("BUSY "));
            assertNotNull(line, "the parent never had both workers busy");
            Set<Long> workers = Arrays.stream(line.substring(5).split(",")).map(Long::parseLong)
                    .collect(Collectors.toSet());
            assertEquals(2, workers.size(), line);
            List<ProcessHandle> below = parent.toHandle().descendants().toList();
            assertTrue(below.stream().map(ProcessHandle::pid).collect(Collectors.toSet()).containsAll(workers),
                    "the workers are the parent's descendants: " + below);
            tally.add("workers", below.size());

            parent.destroyForcibly(); // kill -9, mid-batch
            assertTrue(parent.waitFor(10, TimeUnit.SECONDS), "the parent did not die");
            long died = System.nanoTime();
            tally.add("kills", 1);
            long deadline = System.currentTimeMillis() + 10_000;
            while (below.stream().anyMatch(ParentDeathTest::running) && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - died);
            List<ProcessHandle> orphans = below.stream().filter(ParentDeathTest::running).toList();
            tally.add("orphans", orphans.size());
            orphans.forEach(ProcessHandle::destroyForcibly);
            return millis;
        } finally {
            parent.destroyForcibly();
        }
    }
}
