package io.github.camelparallel.examples.python;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs the example exactly as {@link PythonWorkerApplication} does (same {@code Main}, same application.properties),
 * with the settings a test chooses, until it stops by itself; keeps what the tests look at.
 *
 * @param exitCode what {@code Main.run()} returned
 * @param routeIds the routes that were running once Camel had started
 * @param check    the {@code python} bean: which Python was found, or why none
 * @param report   the {@code report} bean, holding the results of the run
 */
record PythonExampleRun(int exitCode, List<String> routeIds, PythonCheck check, StatsReport report) {

    /** A small run for tests: 24 samples of 50 numbers on 2 workers. */
    static final Map<String, String> SMALL = Map.of("python.samples", "24", "python.sample-size", "50",
            "python.pool-size", "2");

    static PythonExampleRun run(Map<String, String> overrides) throws Exception {
        Main main = new Main(PythonWorkerApplication.class);
        overrides.forEach(main::addOverrideProperty);
        AtomicReference<List<String>> routeIds = new AtomicReference<>();
        AtomicReference<PythonCheck> check = new AtomicReference<>();
        AtomicReference<StatsReport> report = new AtomicReference<>();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                routeIds.set(started.getCamelContext().getRoutes().stream().map(Route::getRouteId).toList());
                check.set(started.getCamelContext().getRegistry().lookupByNameAndType("python", PythonCheck.class));
                report.set(started.getCamelContext().getRegistry().lookupByNameAndType("report", StatsReport.class));
            }
        });
        int exitCode = main.run(new String[0]);
        return new PythonExampleRun(exitCode, routeIds.get(), check.get(), report.get());
    }
}
