package io.github.camelparallel.packaging;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import io.github.camelparallel.worker.WorkerMain;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Builds what the packaging tests run: the component as a jar, the runtime jars an application needs (Camel,
 * Jackson, SLF4J, from this test JVM's classpath), a jar of one package's test classes, and runs a child JVM.
 */
public final class Packaging {

    private Packaging() {
    }

    /** The component's classes (target/classes in a build) as a jar in {@code dir}. */
    public static Path componentJar(Path dir) throws IOException {
        Path classes = Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        if (Files.isRegularFile(classes)) {
            return classes;
        }
        return pack(classes, "", dir.resolve("camel-parallel.jar"), null);
    }

    /**
     * Camel's, Jackson's, SLF4J's and the YAML DSL's jars on this JVM's classpath: what a Camel application ships (not
     * camel-spring*, there for the Spring Boot tests: without Spring itself it breaks camel-main's type converters).
     */
    static List<Path> runtimeJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.endsWith(".jar") && !name.startsWith("camel-test") && !name.startsWith("camel-spring")
                    && (name.startsWith("camel-")
                    || name.startsWith("jackson-") || name.startsWith("slf4j-") || name.startsWith("snakeyaml-"))) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    /** The test classes of {@code type}'s package (not its sub-packages) as a jar, with a Main-Class if given. */
    static Path packageJar(Class<?> type, Path jar, String mainClass) throws IOException {
        Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath());
        return pack(root, type.getPackageName().replace('.', '/') + "/", jar, mainClass);
    }

    /** The files of {@code root} in the folder {@code prefix} (not its sub-folders), or all for "", as a jar. */
    public static Path pack(Path root, String prefix, Path jar, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(f).toString().replace(File.separatorChar, '/');
                boolean inPackage = prefix.isEmpty() || name.indexOf('/', prefix.length()) < 0;
                if (name.startsWith(prefix) && inPackage && !name.startsWith("META-INF/MANIFEST")) {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    /** The java binary of this JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a child JVM to its end (killed after 150 s) and returns its output (stdout and stderr). */
    static String run(List<String> argv, Path dir) throws Exception {
        Path log = Files.createTempFile(dir, "child", ".log");
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(150, TimeUnit.SECONDS)) {
                fail("child JVM did not end in 150 s: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println("child JVM ended in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                    + " ms:\n" + output);
            assertTrue(process.exitValue() == 0, "exit " + process.exitValue() + ": " + output);
            return output;
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
