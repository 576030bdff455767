package io.github.camelparallel.examples.pdf;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs the example exactly as {@link PdfApplication} does (same {@code Main}, same application.properties), at the
 * sizes a test chooses, until it stops by itself; keeps what the tests look at.
 *
 * @param exitCode what {@code Main.run()} returned
 * @param routeIds the routes that were running once Camel had started
 * @param report   the {@code report} bean, holding the figures of the run
 */
record PdfExampleRun(int exitCode, List<String> routeIds, PdfReport report) {

    /**
     * A small run for tests: 12 PDFs (number 7 corrupt) on one worker at a time, recycled after 6 PDFs (in chunks of
     * 2, so exactly). One worker at a time starts the fewest cold JVMs that still show recycling.
     */
    static Map<String, String> small(String dir) {
        return Map.of("pdf.dir", dir, "pdf.count", "12", "pdf.pool-size", "1", "pdf.max-tasks-per-worker", "6");
    }

    static PdfExampleRun run(Map<String, String> overrides) throws Exception {
        Main main = new Main(PdfApplication.class);
        overrides.forEach(main::addOverrideProperty);
        AtomicReference<List<String>> routeIds = new AtomicReference<>();
        AtomicReference<PdfReport> report = new AtomicReference<>();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                routeIds.set(started.getCamelContext().getRoutes().stream().map(Route::getRouteId).toList());
                report.set(started.getCamelContext().getRegistry().lookupByNameAndType("report", PdfReport.class));
            }
        });
        int exitCode = main.run(new String[0]);
        return new PdfExampleRun(exitCode, routeIds.get(), report.get());
    }
}
