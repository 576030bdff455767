package io.github.camelparallel.examples.cube;

import org.apache.camel.main.Main;

/**
 * Starts the cube example with camel-main. Everything else is configuration: {@code application.properties} declares
 * the beans and the run settings, {@code routes/cube.camel.yaml} and {@link CubeRoutes} hold the same route, and
 * {@code example.dsl} picks which of the two runs. The application stops by itself once the timer's one exchange is
 * done ({@code camel.main.duration-max-messages=1}).
 */
public final class CubeApplication {

    private CubeApplication() {
    }

    public static void main(String... args) throws Exception {
        // Main(CubeApplication.class) scans this package, which is how CubeRoutes is found
        Main main = new Main(CubeApplication.class);
        int exitCode = main.run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
