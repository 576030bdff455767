package io.github.camelparallel.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where tests find the shipped Python worker module (its source folder), whether python3 is on the PATH, and which
 * interpreter imports a module the examples need. Stateless.
 */
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

    /**
     * The first interpreter that imports {@code module}: {@code wanted} if given, else {@code python3} on the PATH,
     * else the system's {@code /usr/bin/python3} (where Debian's {@code python3-*} packages install); null if none.
     */
    public static String withModule(String wanted, String module) throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        if (wanted != null && !wanted.isBlank()) {
            candidates.add(wanted);
        }
        candidates.addAll(List.of("python3", "/usr/bin/python3"));
        for (String python : candidates) {
            try {
                Process probe = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return python;
                }
                probe.destroyForcibly();
            } catch (java.io.IOException e) {
                // not there: try the next
            }
        }
        return null;
    }
}
