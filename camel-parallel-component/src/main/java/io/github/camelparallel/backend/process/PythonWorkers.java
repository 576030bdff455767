package io.github.camelparallel.backend.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.camelparallel.spi.BackendSettings.ProcessSettings;

/**
 * Checks a {@code python=} pool's options against each other and builds its {@link PythonWorkerCommand}: the errors a
 * Python user can fix before any worker starts (python with command or task, a JVM initializer, an interpreter that
 * is not there when the workers start with the route) fail here, naming the option. Stateless.
 */
final class PythonWorkers {

    private PythonWorkers() {
    }

    static WorkerCommand command(String pool, ProcessSettings options, Map<String, String> env, Path moduleCache) {
        String where = " of parallel:" + pool;
        if (options.command() != null && !options.command().isBlank()) {
            throw new IllegalArgumentException("Options python and command" + where + " exclude each other: python"
                    + " runs a Python function, command any other worker program");
        }
        if (options.task() != null) {
            throw new IllegalArgumentException("Options python and task" + where + " exclude each other: the task is"
                    + " the Python function " + options.python());
        }
        String initializer = options.initializer();
        if (initializer != null && !PythonWorkerCommand.isPythonName(initializer)) {
            throw new IllegalArgumentException("Option initializer" + where + " must be a Python function"
                    + " (module:function) with python=, but was '" + initializer + "'");
        }
        if (!options.lazyStart()) {
            checkExecutable(options.pythonExecutable(), where);
        }
        return PythonWorkerCommand.of(options.pythonExecutable(), options.python().trim(), initializer,
                options.pythonPath(), options.maxMessageSize(), env, moduleCache);
    }

    /** The interpreter must be an executable file, or a name found on the PATH. */
    private static void checkExecutable(String executable, String where) {
        String name = executable == null || executable.isBlank() ? "python3" : executable;
        if (name.contains(File.separator)) {
            if (!Files.isExecutable(Path.of(name))) {
                throw new IllegalArgumentException("Option pythonExecutable" + where + ": " + name
                        + " is not an executable file");
            }
            return;
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && (Files.isExecutable(Path.of(dir, name)) || Files.isExecutable(Path.of(dir, name + ".exe")))) {
                return;
            }
        }
        throw new IllegalArgumentException("Option pythonExecutable" + where + ": no " + name + " on the PATH ("
                + path + "); install Python 3.8 or later or set pythonExecutable to its path");
    }
}
