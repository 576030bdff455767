package io.github.camelparallel.backend.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Quarkus fast-jar ({@code java -jar quarkus-app/quarkus-run.jar}): {@code java.class.path} is the runner jar only,
 * the application's jars sit in {@code quarkus-app/app} and its libraries in {@code quarkus-app/lib/main} and
 * {@code lib/boot}, loaded by Quarkus' own class loader. Those are plain jars, so the worker's classpath lists them
 * (the application's first, each folder's jars by name) and class data sharing applies. Immutable.
 */
final class QuarkusFastJar {

    private final Path root;

    private QuarkusFastJar(Path root) {
        this.root = root;
    }

    /** The layout around {@code runner}, or null when it is not a Quarkus fast-jar's {@code quarkus-run.jar}. */
    static QuarkusFastJar read(Path runner) {
        Path root = runner.toAbsolutePath().normalize().getParent();
        if (root == null || !runner.getFileName().toString().equals("quarkus-run.jar")
                || !Files.isDirectory(root.resolve("lib").resolve("main")) || !Files.isDirectory(root.resolve("app"))) {
            return null;
        }
        return new QuarkusFastJar(root);
    }

    /** The jars of {@code app}, {@code lib/main} and {@code lib/boot}, as a {@code -cp} value. */
    WorkerLaunch launch() {
        List<String> jars = new ArrayList<>();
        for (Path dir : List.of(root.resolve("app"), root.resolve("lib").resolve("main"),
                root.resolve("lib").resolve("boot"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted()
                            .forEach(f -> jars.add(f.toString()));
                } catch (IOException e) {
                    // an unreadable folder adds nothing; the class check names what is then missing
                }
            }
        }
        return WorkerLaunch.direct(describe(), String.join(File.pathSeparator, jars));
    }

    String describe() {
        return "a Quarkus fast-jar " + root;
    }
}
