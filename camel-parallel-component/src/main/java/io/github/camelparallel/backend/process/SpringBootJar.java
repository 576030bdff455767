package io.github.camelparallel.backend.process;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import io.github.camelparallel.worker.WorkerMain;

/**
 * A Spring Boot executable jar run with {@code java -jar app.jar}: the application's classes sit in
 * {@code BOOT-INF/classes} and its libraries in {@code BOOT-INF/lib}, nested jars that a plain {@code java -cp} does
 * not see. Workers start through Spring Boot's own {@code PropertiesLauncher} with
 * {@code -Dloader.main=io.github.camelparallel.worker.WorkerMain}: it always puts {@code BOOT-INF/classes} and
 * {@code BOOT-INF/lib} of the jar on the class path and then calls {@code WorkerMain} with the worker arguments.
 * Knows the launcher of Spring Boot 3.2 and later ({@code org.springframework.boot.loader.launch}) and the one
 * before ({@code org.springframework.boot.loader}). Immutable.
 */
final class SpringBootJar {

    static final List<String> PROPERTIES_LAUNCHERS = List.of(
            "org.springframework.boot.loader.launch.PropertiesLauncher",
            "org.springframework.boot.loader.PropertiesLauncher");
    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIB = "BOOT-INF/lib/";

    private final Path jar;
    private final String mainClass;
    private final String classes;
    private final String lib;
    private final String launcher;

    private SpringBootJar(Path jar, String mainClass, String classes, String lib, String launcher) {
        this.jar = jar;
        this.mainClass = mainClass;
        this.classes = classes;
        this.lib = lib;
        this.launcher = launcher;
    }

    /** The jar's Spring Boot layout, or null when its manifest is not a Spring Boot one. */
    static SpringBootJar read(Path jar, JarFile file, Attributes manifest) {
        String main = manifest.getValue(Attributes.Name.MAIN_CLASS);
        String classes = manifest.getValue("Spring-Boot-Classes");
        String lib = manifest.getValue("Spring-Boot-Lib");
        boolean boot = classes != null || lib != null || manifest.getValue("Spring-Boot-Version") != null
                || (main != null && main.startsWith("org.springframework.boot.loader."));
        if (!boot) {
            return null;
        }
        String launcher = null;
        for (String candidate : PROPERTIES_LAUNCHERS) {
            if (launcher == null && file.getEntry(candidate.replace('.', '/') + ".class") != null) {
                launcher = candidate;
            }
        }
        return new SpringBootJar(jar, main, classes, lib, launcher);
    }

    /** Whether workers can start through this jar's {@code PropertiesLauncher}: an executable jar's layout. */
    boolean launchable() {
        return launcher != null && (classes == null || CLASSES.equals(classes)) && (lib == null || LIB.equals(lib));
    }

    /**
     * {@code java -Dloader.main=...WorkerMain -cp app.jar <PropertiesLauncher>}, or null when the layout is not
     * launchable or one of the classes does not come from inside this jar.
     */
    WorkerLaunch launch(List<Class<?>> required) {
        if (!launchable()) {
            return null;
        }
        for (Class<?> type : required) {
            if (!CodeSources.inside(type, jar)) {
                return null;
            }
        }
        return new WorkerLaunch(describe(), jar.toAbsolutePath().toString(),
                List.of("-Dloader.main=" + WorkerMain.class.getName()), launcher);
    }

    /** The layout, for messages: the jar, its main class, its classes and lib folders and whether it can launch. */
    String describe() {
        return "a Spring Boot jar " + jar + " (Main-Class " + mainClass + ", Spring-Boot-Classes " + classes
                + ", Spring-Boot-Lib " + lib + (launchable() ? ")"
                        : "; a layout without a PropertiesLauncher over BOOT-INF/classes and BOOT-INF/lib, such as a"
                                + " war, that workers cannot start from)");
    }
}
