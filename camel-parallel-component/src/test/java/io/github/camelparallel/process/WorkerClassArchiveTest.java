package io.github.camelparallel.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * workerCds: the first pool on a jars-only classpath builds a class data sharing archive in the background; later
 * workers start with it; a corrupt archive is ignored by the JVM; a classpath with directories gets none.
 */
class WorkerClassArchiveTest {

    @TempDir
    static Path jars;

    @TempDir
    Path cache;

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void theArchiveIsBuiltOnceAndThenUsedByEveryWorker() throws Exception {
        Path dir = cache.resolve("cds");
        String options = "workerClasspath=" + jarsOnlyClasspath() + "&workerCdsDir=" + dir;

        assertEquals(List.of(1L, 8L, 27L), cubes(options), "first pool, no archive yet");
        context.stop(); // at once: the pool's stop lets the training worker finish
        Path archive = awaitArchive(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), "private directory");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(archive), files.toList(), "one archive, no temporary files left");
        }

        assertEquals(List.of(1L, 8L, 27L), cubes(options), "second pool, with the archive");
        for (String arguments : workerArguments()) {
            assertTrue(arguments.contains("-XX:SharedArchiveFile=" + archive), arguments);
        }
        context.stop();

        Files.write(archive, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }); // a corrupt archive: the JVM ignores it
        assertEquals(List.of(1L, 8L, 27L), cubes(options), "a corrupt archive costs nothing");
    }

    @Test
    void aClasspathWithDirectoriesGetsNoArchive() throws Exception {
        Path dir = cache.resolve("cds");
        assertEquals(List.of(1L, 8L, 27L), cubes("workerCdsDir=" + dir));
        for (String arguments : workerArguments()) {
            assertFalse(arguments.contains("SharedArchiveFile"), arguments);
        }
        assertFalse(Files.exists(dir), "nothing to build for target/classes directories");
    }

    @Test
    void workerCdsFalseBuildsNothing() throws Exception {
        Path dir = cache.resolve("cds");
        assertEquals(List.of(1L, 8L, 27L), cubes("workerClasspath=" + jarsOnlyClasspath() + "&workerCdsDir=" + dir
                + "&workerCds=false"));
        Thread.sleep(500);
        assertFalse(Files.exists(dir));
    }

    private List<?> cubes(String options) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:cds?backend=process&poolSize=1"
                + "&task=#class:" + Cube.class.getName() + "&" + options));
        return context.createProducerTemplate().requestBody("direct:in", List.of(1, 2, 3), List.class);
    }

    private List<String> workerArguments() {
        ProcessPoolBackend backend = (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class)
                .getPoolBackend("cds");
        List<String> arguments = new ArrayList<>();
        for (long pid : backend.workerPids()) {
            Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
            assumeTrue(Files.isReadable(cmdline), "needs /proc to read a worker's command line");
            try {
                arguments.add(Files.readString(cmdline).replace('\0', ' '));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        assertFalse(arguments.isEmpty());
        return arguments;
    }

    private static Path awaitArchive(Path dir) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
                    if (!archives.isEmpty()) {
                        return archives.get(0);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no archive built in " + dir);
    }

    /** This test JVM's classpath with every directory packed into a jar (AppCDS archives jars only). */
    private static synchronized String jarsOnlyClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = jars.resolve("dir-" + n++ + ".jar");
                if (!Files.exists(jar)) {
                    pack(path, jar);
                }
                entries.add(jar.toString());
            } else if (Files.isRegularFile(path)) {
                entries.add(entry);
            }
        }
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static void pack(Path dir, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }
}
