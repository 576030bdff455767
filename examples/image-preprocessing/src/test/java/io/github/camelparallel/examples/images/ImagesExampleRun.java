package io.github.camelparallel.examples.images;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs the example exactly as {@link ImagesApplication} does (same {@code Main}, same application.properties), at the
 * sizes a test chooses, until it stops by itself; keeps what the tests look at.
 *
 * @param exitCode what {@code Main.run()} returned
 * @param routeIds the routes that were running once Camel had started
 * @param report   the {@code report} bean, holding the timed runs
 */
record ImagesExampleRun(int exitCode, List<String> routeIds, ImageReport report) {

    /** A small run for tests: 12 scenes of a quarter of the default size, 2 of them as warm-up. */
    static Map<String, String> small(String dir) {
        return Map.of("images.dir", dir, "images.count", "12", "images.warmup", "2", "images.width", "512",
                "images.height", "384", "images.thumbnail-side", "128");
    }

    static ImagesExampleRun run(Map<String, String> overrides) throws Exception {
        Main main = new Main(ImagesApplication.class);
        overrides.forEach(main::addOverrideProperty);
        AtomicReference<List<String>> routeIds = new AtomicReference<>();
        AtomicReference<ImageReport> report = new AtomicReference<>();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                routeIds.set(started.getCamelContext().getRoutes().stream().map(Route::getRouteId).toList());
                report.set(started.getCamelContext().getRegistry().lookupByNameAndType("report", ImageReport.class));
            }
        });
        int exitCode = main.run(new String[0]);
        return new ImagesExampleRun(exitCode, routeIds.get(), report.get());
    }
}
