package io.github.camelparallel.examples.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python 3 interpreter that can import a module: the one asked for, else {@code python3} on the PATH, else the
 * system's {@code /usr/bin/python3} (where Debian's {@code python3-pypdf} installs). Stateless.
 */
final class PythonFinder {

    private PythonFinder() {
    }

    /** The first interpreter that imports {@code module}, or null. */
    static String withModule(String wanted, String module) {
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
