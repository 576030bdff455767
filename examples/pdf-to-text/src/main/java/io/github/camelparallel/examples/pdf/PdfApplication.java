package io.github.camelparallel.examples.pdf;

import org.apache.camel.main.Main;

/**
 * Starts the pdf-to-text example with camel-main. Everything else is configuration: {@code application.properties}
 * declares the beans and the run settings, {@code routes/pdf.camel.yaml} and {@link PdfRoutes} hold the same route,
 * and {@code example.dsl} picks which of the two runs. The application stops by itself once the timer's one exchange
 * is done ({@code camel.main.duration-max-messages=1}).
 */
public final class PdfApplication {

    private PdfApplication() {
    }

    public static void main(String... args) throws Exception {
        // Main(PdfApplication.class) scans this package, which is how PdfRoutes is found
        Main main = new Main(PdfApplication.class);
        int exitCode = main.run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
