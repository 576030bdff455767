package io.github.camelparallel.examples.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the packaged application the way it runs in production, {@code java -jar target/quarkus-app/quarkus-run.jar}
 * in a child process (Camel Quarkus, so the Camel version Camel Quarkus pins, not the one the component is built
 * with), and reads its log: the routes return the exact cubes, the thread pool has the size
 * {@code application.properties} gives, the process pool the one its URI gives, the application stops by itself with
 * exit code 0, and no worker process outlives it.
 */
class QuarkusAppIT {

    private static final long N = 1000;
    private static final long SUM = (N * (N + 1) / 2) * (N * (N + 1) / 2);
    private static final Path APP = Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"));

    @Test
    void threadBackendUsesThePoolSizeOfApplicationProperties() throws Exception {
        String log = run("thread", "-Dcubes.backends=thread").log();
        // Camel applied the property (the default, all processors, could also be 3 on some machine)
        assertContains(log, "[MicroProfilePropertiesSource] camel.component.parallel.poolSize = 3");
        assertContains(log, "[thread-cubes] pool started: backend=thread, poolSize=3");
        assertContains(log, "thread-cubes: " + N + " cubes add up to " + SUM + " (expected " + SUM + ")");
    }

    @Test
    void processBackendStartsJvmWorkersWithNoExtraOption() throws Exception {
        assertProcessCubes(run("process", "-Dcubes.backends=process"));
    }

    @Test
    void processBackendWithAnExplicitWorkerClasspath() throws Exception {
        String classpath = String.join(java.io.File.pathSeparator,
                APP.resolve("lib/main/*").toString(), APP.resolve("app/*").toString());
        assertProcessCubes(run("process-classpath", "-Dcubes.backends=process",
                "-Dcamel.component.parallel.worker-classpath=" + classpath));
    }

    private static void assertProcessCubes(Run run) {
        String log = run.log();
        assertTrue(run.children() >= 2, "the two worker JVMs ran as the application's children: " + run.children());
        assertContains(log, " of 2 workers ready"); // the route starts at the first hello: 1 or 2 of them
        assertContains(log, "[process-cubes] pool started: backend=process, poolSize=2");
        assertContains(log, "process-cubes: " + N + " cubes add up to " + SUM + " (expected " + SUM + ")");
        assertContains(log, "[process-cubes] 2 workers stopped");
    }

    /** What one run of the application left: its log and how many child processes it had. */
    private record Run(String log, int children) {
    }

    /**
     * Runs the application with {@code jvmOptions} until it stops by itself (at most 120 s), watching its child
     * processes while it runs; returns its log once it exited with 0 and all its children have ended.
     */
    private static Run run(String name, String... jvmOptions) throws IOException, InterruptedException {
        Path runner = APP.resolve("quarkus-run.jar");
        assertTrue(Files.isRegularFile(runner), "no " + runner + ": run `package` first");
        Path logFile = APP.resolveSibling("quarkus-app-it-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", runner.toString()));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        Set<ProcessHandle> children = ConcurrentHashMap.newKeySet();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (app.isAlive() && System.nanoTime() < deadline) {
                app.descendants().forEach(children::add);
                app.waitFor(100, TimeUnit.MILLISECONDS);
            }
            if (app.isAlive()) {
                fail("the application did not stop by itself within 120 s; its log:\n" + Files.readString(logFile));
            }
            String log = Files.readString(logFile);
            assertEquals(0, app.exitValue(), "exit code of " + command + "; its log:\n" + log);
            long childrenDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < childrenDeadline) {
                Thread.sleep(100);
            }
            assertFalse(children.stream().anyMatch(ProcessHandle::isAlive),
                    "processes outlived the application: " + children.stream().filter(ProcessHandle::isAlive).toList());
            return new Run(log, children.size());
        } finally {
            app.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void assertContains(String log, String text) {
        assertTrue(log.contains(text), "no \"" + text + "\" in the application's log:\n" + log);
    }
}
