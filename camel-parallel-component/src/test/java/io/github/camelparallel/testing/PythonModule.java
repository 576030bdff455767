package io.github.camelparallel.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Where tests find the shipped Python worker module (its source folder), and whether python3 is on the PATH. */
public final class PythonModule {

    /** The folder of camel_parallel_worker.py, as the jar ships it (tests run in the component's folder). */
    public static final Path DIR = Path.of("src/main/resources/io/github/camelparallel/python").toAbsolutePath();

    private PythonModule() {
    }

    /** Whether {@code program} is an executable on the PATH. */
    public static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
