package io.github.camelparallel.backend.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import io.github.camelparallel.TestContexts;
import io.github.camelparallel.packaging.JavaSources;
import io.github.camelparallel.packaging.Packaging;
import io.github.camelparallel.packaging.app.Square;
import io.github.camelparallel.worker.WorkerMain;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the worker's classpath is found for each packaging, at the unit level: {@code java.class.path} and the system
 * class loader are given, so each packaging is laid out in files here (the real runs are in the packaging tests).
 */
class WorkerClasspathTest {

    private static final ClassLoader SEES_NOTHING = ClassLoader.getPlatformClassLoader();

    @TempDir
    Path dir;

    @Test
    void aPlainClasspathIsTheWorkersAsItIs() {
        String javaClassPath = System.getProperty("java.class.path");
        WorkerLaunch launch = WorkerClasspath.resolve("p", null, List.of(Square.class), javaClassPath,
                ClassLoader.getSystemClassLoader());
        assertEquals(javaClassPath, launch.classpath());
        assertEquals(WorkerMain.class.getName(), launch.mainClass());
        assertEquals(List.of(), launch.jvmArguments());
    }

    @Test
    void classesOfChildClassLoadersAreFoundWhereTheyComeFrom() throws Exception {
        Path classes = JavaSources.compile("cli.tasks.Shout", JavaSources.SHOUT, dir);
        try (URLClassLoader sources = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                getClass().getClassLoader())) {
            Class<?> task = sources.loadClass("cli.tasks.Shout");
            String launcher = jar("launcher.jar", Map.of("Main-Class", "org.example.Launcher")).toString();

            WorkerLaunch launch = WorkerClasspath.resolve("p", null, List.of(task), launcher, SEES_NOTHING);

            List<String> entries = List.of(launch.classpath().split(File.pathSeparator));
            assertEquals(launcher, entries.get(0), "java.class.path first");
            assertTrue(entries.contains(classes.toString()), launch.classpath());
            assertTrue(ClasspathContents.missing(launch.classpath(), List.of(WorkerMain.class.getName(),
                    "com.fasterxml.jackson.databind.ObjectMapper", "cli.tasks.Shout")).isEmpty(), launch.classpath());
        }
    }

    @Test
    void aQuarkusFastJarGivesTheJarsOfItsAppAndLibFolders() throws Exception {
        Path root = dir.resolve("quarkus-app");
        Files.createDirectories(root.resolve("lib/main"));
        Files.createDirectories(root.resolve("lib/boot"));
        Files.createDirectories(root.resolve("app"));
        Path runner = jarAt(root.resolve("quarkus-run.jar"), Map.of("Main-Class",
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint", "Class-Path", "lib/boot/boot.jar"));
        jarAt(root.resolve("lib/boot/boot.jar"), Map.of());
        Path app = jarAt(root.resolve("app/app.jar"), Map.of(), Square.class);
        Path component = Files.copy(Packaging.componentJar(dir), root.resolve("lib/main/camel-parallel.jar"));
        for (Class<?> jackson : List.of(com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class)) {
            Path jar = CodeSources.file(jackson);
            Files.copy(jar, root.resolve("lib/main").resolve(jar.getFileName()));
        }

        WorkerLaunch launch = WorkerClasspath.resolve("p", null, List.of(Square.class), runner.toString(),
                SEES_NOTHING);

        List<String> entries = List.of(launch.classpath().split(File.pathSeparator));
        assertEquals(app.toString(), entries.get(0), "the application's jars first");
        assertEquals(component.toString(), entries.get(1));
        assertEquals(6, entries.size(), launch.classpath());
        assertTrue(entries.stream().allMatch(entry -> entry.endsWith(".jar")), "jars only: class data sharing applies");
        assertTrue(launch.packaging().contains("Quarkus fast-jar"), launch.packaging());

        // those jars are enough: a real worker on exactly that classpath runs the task
        CamelContext context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:quarkus?backend=process&poolSize=1&workerCds=false&task=#class:" + Square.class.getName()
                        + "&workerClasspath=" + launch.classpath()));
        try {
            assertEquals(List.of(1L, 4L, 9L), context.createProducerTemplate().requestBody("direct:in",
                    List.of(1, 2, 3), List.class));
        } finally {
            context.stop();
        }
    }

    @Test
    void aSpringBootJarOfTheClassicLoaderStartsWorkersThroughItsPropertiesLauncher() throws Exception {
        Path app = jar("app.jar", Map.of("Main-Class", "org.springframework.boot.loader.JarLauncher",
                "Start-Class", "org.example.App", "Spring-Boot-Classes", "BOOT-INF/classes/",
                "Spring-Boot-Lib", "BOOT-INF/lib/"), "org/springframework/boot/loader/PropertiesLauncher.class");
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(app.toFile())) {
            SpringBootJar boot = SpringBootJar.read(app, file, file.getManifest().getMainAttributes());
            assertNotNull(boot);
            WorkerLaunch launch = boot.launch(List.of());
            assertEquals("org.springframework.boot.loader.PropertiesLauncher", launch.mainClass());
            assertEquals(List.of("-Dloader.main=" + WorkerMain.class.getName()), launch.jvmArguments());
            assertEquals(app.toAbsolutePath().toString(), launch.classpath());
        }
    }

    @Test
    void aFatJarOfAnUnknownLayoutFailsNamingTheLayoutAndTheOption() throws Exception {
        Path war = jar("app.war.jar", Map.of("Main-Class", "org.springframework.boot.loader.launch.WarLauncher",
                "Spring-Boot-Classes", "WEB-INF/classes/", "Spring-Boot-Lib", "WEB-INF/lib/"),
                "org/springframework/boot/loader/launch/PropertiesLauncher.class");
        Class<?> nested = defineSquare(new URL("jar:" + war.toUri() + "!/WEB-INF/classes!/")); // a nested location

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerClasspath.resolve("p", null, List.of(nested), war.toString(), SEES_NOTHING));

        assertTrue(e.getMessage().contains("a Spring Boot jar " + war), e.getMessage());
        assertTrue(e.getMessage().contains("Spring-Boot-Lib WEB-INF/lib/"), e.getMessage());
        assertTrue(e.getMessage().contains(Square.class.getName() + " (loaded by "), e.getMessage());
        assertTrue(e.getMessage().contains("workerClasspath"), e.getMessage());
    }

    @Test
    void aTaskClassThatExistsOnlyInMemoryFailsNamingThePackagingAndTheOption() throws Exception {
        Class<?> inMemory = defineSquare(null);
        String plain = jar("plain.jar", Map.of()).toString();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerClasspath.resolve("p", null, List.of(inMemory), plain, SEES_NOTHING));

        assertTrue(e.getMessage().contains("the single jar " + plain), e.getMessage());
        assertTrue(e.getMessage().contains("no code source: a class that exists only in memory"), e.getMessage());
        assertTrue(e.getMessage().contains("tried java.class.path, then the code sources"), e.getMessage());
        assertTrue(e.getMessage().contains("Set the option workerClasspath"), e.getMessage());
    }

    @Test
    void aWorkerClasspathWithoutTheTaskClassFailsNamingTheClassAndTheClasspath() throws Exception {
        String configured = jar("other.jar", Map.of()) + File.pathSeparator + CodeSources.file(WorkerMain.class);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerClasspath.resolve("p", configured, List.of(Square.class)));

        assertTrue(e.getMessage().contains("Option workerClasspath of parallel:p lacks "), e.getMessage());
        assertTrue(e.getMessage().contains(Square.class.getName() + ": JVM workers would not find"), e.getMessage());
        assertTrue(e.getMessage().contains("workerClasspath=" + configured), e.getMessage());
    }

    @Test
    void aWorkerClasspathIsReadAsJavaReadsIt() throws Exception {
        Path lib = dir.resolve("lib");
        Files.createDirectories(lib);
        jarAt(lib.resolve("task.jar"), Map.of(), Square.class);
        Path referencing = jar("manifest-only.jar", Map.of("Class-Path", "lib/task.jar"));

        assertEquals(List.of(), ClasspathContents.missing(lib + File.separator + "*", List.of(Square.class.getName())));
        assertEquals(List.of(), ClasspathContents.missing(referencing.toString(), List.of(Square.class.getName())));
        assertEquals(List.of(Square.class.getName()), ClasspathContents.missing(dir.resolve("absent") + File.separator
                + "*", List.of(Square.class.getName())));
    }

    /** Square's bytes defined again by a loader of its own, with the given code source (none when null). */
    private static Class<?> defineSquare(URL location) throws IOException {
        byte[] bytes;
        try (var in = Square.class.getResourceAsStream("Square.class")) {
            bytes = in.readAllBytes();
        }
        ClassLoader loader = new ClassLoader(WorkerClasspathTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(Square.class.getName())) {
                    ProtectionDomain domain = location == null ? null
                            : new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null);
                    return domain == null ? defineClass(name, bytes, 0, bytes.length)
                            : defineClass(name, bytes, 0, bytes.length, domain);
                }
                return super.loadClass(name, resolve);
            }
        };
        try {
            return loader.loadClass(Square.class.getName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path jar(String name, Map<String, String> manifest, String... emptyEntries) throws IOException {
        Path jar = jarAt(dir.resolve(name), manifest);
        if (emptyEntries.length > 0) {
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file, manifest(manifest))) {
                for (String entry : emptyEntries) {
                    out.putNextEntry(new JarEntry(entry));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    /** A jar with the manifest attributes and the class files of the given classes. */
    private static Path jarAt(Path jar, Map<String, String> manifest, Class<?>... classes) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest(manifest))) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (var in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Manifest manifest(Map<String, String> attributes) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        return manifest;
    }
}
