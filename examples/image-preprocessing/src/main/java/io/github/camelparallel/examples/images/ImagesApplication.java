package io.github.camelparallel.examples.images;

import org.apache.camel.main.Main;

/**
 * Starts the image-preprocessing example with camel-main. Everything else is configuration:
 * {@code application.properties} declares the beans and the run settings, {@code routes/images.camel.yaml} and
 * {@link ImageRoutes} hold the same route, and {@code example.dsl} picks which of the two runs. The application stops
 * by itself once the timer's one exchange is done ({@code camel.main.duration-max-messages=1}).
 */
public final class ImagesApplication {

    private ImagesApplication() {
    }

    public static void main(String... args) throws Exception {
        // AWT without a display: the example only draws into and reads BufferedImages
        System.setProperty("java.awt.headless", "true");
        // Main(ImagesApplication.class) scans this package, which is how ImageRoutes is found
        Main main = new Main(ImagesApplication.class);
        int exitCode = main.run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
