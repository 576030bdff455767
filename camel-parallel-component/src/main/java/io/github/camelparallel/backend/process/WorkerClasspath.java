package io.github.camelparallel.backend.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelparallel.worker.WorkerMain;

/**
 * Finds how to launch JVM workers, at route start, so that they see {@code WorkerMain}, Jackson and the task (and
 * initializer) class whatever the application's packaging. In this order:
 * <ol>
 * <li>{@code workerClasspath}, when set: used as given, after checking that it holds those classes.</li>
 * <li>A plain classpath: the system class loader sees every class, so {@code java.class.path} is the worker's.</li>
 * <li>A Spring Boot executable jar ({@link SpringBootJar}): workers start through its {@code PropertiesLauncher}.</li>
 * <li>A Quarkus fast-jar ({@link QuarkusFastJar}): the jars of its {@code app} and {@code lib} folders.</li>
 * <li>Otherwise (the Camel CLI's {@code --dep} jars, any child class loader): where the classes really come from, the
 * {@link CodeSources} of those classes and of their class loader chains, after {@code java.class.path}.</li>
 * </ol>
 * A derived classpath is checked the same way; when none holds every class, start fails with a message naming the
 * packaging detected, what was tried, the classes missing and the {@code workerClasspath} option. Stateless.
 */
public final class WorkerClasspath {

    private WorkerClasspath() {
    }

    /**
     * @param configured the {@code workerClasspath} option, or null
     * @param classes    the task class and the initializer class, if any
     * @throws IllegalArgumentException naming the packaging, what was tried and {@code workerClasspath}
     */
    public static WorkerLaunch resolve(String poolName, String configured, List<Class<?>> classes) {
        return resolve(poolName, configured, classes, System.getProperty("java.class.path", ""),
                ClassLoader.getSystemClassLoader());
    }

    static WorkerLaunch resolve(String poolName, String configured, List<Class<?>> classes, String javaClassPath,
            ClassLoader systemLoader) {
        List<Class<?>> required = new ArrayList<>(List.of(WorkerMain.class, ObjectMapper.class, JsonFactory.class,
                JsonProperty.class));
        required.addAll(classes);
        List<String> names = required.stream().map(Class::getName).toList();
        if (configured != null && !configured.isBlank()) {
            List<String> missing = ClasspathContents.missing(configured, names);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("Option workerClasspath of parallel:" + poolName + " lacks "
                        + String.join(", ", missing) + ": JVM workers would not find "
                        + (missing.size() == 1 ? "it" : "them") + " (workerClasspath=" + configured + ")");
            }
            return WorkerLaunch.direct("workerClasspath", configured);
        }
        if (names.stream().allMatch(name -> systemLoader.getResource(name.replace('.', '/') + ".class") != null)) {
            return WorkerLaunch.direct("a plain classpath", javaClassPath);
        }
        String packaging = "a classpath of " + javaClassPath.split(File.pathSeparator).length + " entries";
        List<String> tried = new ArrayList<>(List.of("java.class.path"));
        String[] entries = javaClassPath.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar") && Files.isRegularFile(Path.of(entries[0]))) {
            Path jar = Path.of(entries[0]);
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes manifest = file.getManifest() == null ? new Attributes()
                        : file.getManifest().getMainAttributes();
                packaging = "the single jar " + jar + " (Main-Class " + manifest.getValue(Attributes.Name.MAIN_CLASS)
                        + ")";
                SpringBootJar boot = SpringBootJar.read(jar, file, manifest);
                if (boot != null) {
                    packaging = boot.describe();
                    WorkerLaunch launch = boot.launch(required);
                    if (launch != null) {
                        return launch;
                    }
                    tried.add("its PropertiesLauncher");
                }
            } catch (IOException e) {
                packaging = "the single jar " + jar + " (unreadable: " + e.getMessage() + ")";
            }
            QuarkusFastJar quarkus = QuarkusFastJar.read(jar);
            if (quarkus != null) {
                packaging = quarkus.describe();
                WorkerLaunch launch = quarkus.launch();
                if (ClasspathContents.missing(launch.classpath(), names).isEmpty()) {
                    return launch;
                }
                tried.add("the jars of its app, lib/main and lib/boot folders");
            }
        }
        String derived = derive(javaClassPath, required);
        List<String> missing = ClasspathContents.missing(derived, names);
        if (missing.isEmpty()) {
            return WorkerLaunch.direct(packaging + " with classes from other class loaders", derived);
        }
        tried.add("the code sources of WorkerMain, Jackson and the task class and their class loaders' URLs");
        List<String> culprits = new ArrayList<>();
        for (Class<?> type : required) {
            if (missing.contains(type.getName())) {
                culprits.add(CodeSources.describe(type));
            }
        }
        throw new IllegalArgumentException("backend=process of parallel:" + poolName + " cannot find a classpath for"
                + " its JVM workers: the application runs from " + packaging + "; tried " + String.join(", then ", tried)
                + "; none holds " + String.join(", ", culprits) + ". Set the option workerClasspath to a classpath that"
                + " holds the camel-parallel jar, Jackson and the task class (or use command= for a worker of your own)");
    }

    /** {@code java.class.path}, then the class loader chains and code sources of the classes, without repeats. */
    private static String derive(String javaClassPath, List<Class<?>> classes) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : javaClassPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        for (Class<?> type : classes) {
            CodeSources.loaderChain(type).forEach(path -> entries.add(path.toString()));
            Path own = CodeSources.file(type);
            if (own != null) {
                entries.add(own.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
