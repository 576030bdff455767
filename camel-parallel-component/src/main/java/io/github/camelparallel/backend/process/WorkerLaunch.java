package io.github.camelparallel.backend.process;

import java.util.List;

import io.github.camelparallel.worker.WorkerMain;

/**
 * How a JVM worker is launched in the packaging the application runs from: the {@code -cp} value, JVM arguments the
 * launch needs and the main class ({@code WorkerMain} itself, or a launcher that finds it, such as Spring Boot's
 * {@code PropertiesLauncher} inside a fat jar). Found by {@link WorkerClasspath} at route start. Immutable.
 *
 * @param packaging    what the application runs from, for messages and logs
 * @param classpath    the worker's {@code -cp}
 * @param jvmArguments arguments placed before {@code -cp} (such as {@code -Dloader.main=...})
 * @param mainClass    the class {@code java} runs; it passes the worker arguments on to {@code WorkerMain}
 */
public record WorkerLaunch(String packaging, String classpath, List<String> jvmArguments, String mainClass) {

    public WorkerLaunch {
        jvmArguments = List.copyOf(jvmArguments);
    }

    /** {@code java -cp <classpath> WorkerMain}. */
    public static WorkerLaunch direct(String packaging, String classpath) {
        return new WorkerLaunch(packaging, classpath, List.of(), WorkerMain.class.getName());
    }
}
