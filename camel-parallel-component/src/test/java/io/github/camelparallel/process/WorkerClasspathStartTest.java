package io.github.camelparallel.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.TestContexts;
import io.github.camelparallel.packaging.JavaSources;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input for the JVM workers' classpath fails the route at start, before any worker starts, with a message naming
 * the class and what to set: a {@code workerClasspath} without the task class, a task class that exists only in
 * memory (no code source a worker could load it from).
 */
class WorkerClasspathStartTest {

    @TempDir
    Path dir;

    @Test
    void aWorkerClasspathWithoutTheTaskClassFailsAtStartNamingTheClassAndTheClasspath() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Instant start = Instant.now();
        long t0 = System.nanoTime();

        Exception e = assertThrows(Exception.class, () -> TestContexts.started(Map.of(), TestContexts.route(
                "direct:in", "parallel:lacking?backend=process&poolSize=2&task=#class:" + Cube.class.getName()
                        + "&workerClasspath=" + empty)));

        String message = rootMessage(e);
        assertTrue(message.contains("Option workerClasspath of parallel:lacking lacks"), message);
        assertTrue(message.contains(Cube.class.getName()), message);
        assertTrue(message.contains("workerClasspath=" + empty), message);
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 60, "no hung start");
        assertEquals(0, childrenStartedSince(start), "no worker started");
    }

    @Test
    void aTaskClassThatExistsOnlyInMemoryFailsAtStartNamingThePackagingAndTheOption() throws Exception {
        Path classes = JavaSources.compile("cli.tasks.Shout", JavaSources.SHOUT, dir);
        byte[] bytes = Files.readAllBytes(classes.resolve("cli" + File.separator + "tasks" + File.separator
                + "Shout.class"));
        ClassLoader inMemory = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!name.equals("cli.tasks.Shout")) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length); // no code source
            }
        };
        Instant start = Instant.now();
        CamelContext context = new DefaultCamelContext();
        context.setApplicationContextClassLoader(inMemory);
        context.addRoutes(TestContexts.route("direct:in",
                "parallel:memory?backend=process&poolSize=2&task=#class:cli.tasks.Shout"));

        Exception e = assertThrows(Exception.class, context::start);
        context.stop();

        String message = rootMessage(e);
        assertTrue(message.contains("backend=process of parallel:memory cannot find a classpath"), message);
        assertTrue(message.contains("the application runs from a classpath of"), message);
        assertTrue(message.contains("cli.tasks.Shout (loaded by"), message);
        assertTrue(message.contains("exists only in memory"), message);
        assertTrue(message.contains("Set the option workerClasspath"), message);
        assertEquals(0, childrenStartedSince(start), "no worker started");
    }

    private static long childrenStartedSince(Instant start) {
        return ProcessHandle.current().children()
                .filter(p -> p.info().startInstant().map(at -> !at.isBefore(start.minusSeconds(1))).orElse(false))
                .count();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
