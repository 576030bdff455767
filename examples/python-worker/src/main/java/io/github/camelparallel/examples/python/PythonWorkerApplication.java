package io.github.camelparallel.examples.python;

import org.apache.camel.main.Main;

/**
 * Starts the python-worker example with camel-main. Everything else is configuration: {@code application.properties}
 * declares the beans and the run settings, {@code routes/python.camel.yaml} and {@link PythonRoutes} hold the same
 * route, and {@code example.dsl} picks which of the two runs. The application stops by itself once the timer's one
 * exchange is done ({@code camel.main.duration-max-messages=1}), also when it skipped for want of Python.
 */
public final class PythonWorkerApplication {

    private PythonWorkerApplication() {
    }

    public static void main(String... args) throws Exception {
        // Main(PythonWorkerApplication.class) scans this package, which is how PythonRoutes is found
        Main main = new Main(PythonWorkerApplication.class);
        int exitCode = main.run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
