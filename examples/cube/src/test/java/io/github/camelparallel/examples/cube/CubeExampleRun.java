package io.github.camelparallel.examples.cube;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs the example exactly as {@link CubeApplication} does (same {@code Main}, same application.properties), at the
 * sizes a test chooses, until it stops by itself; keeps what the tests look at.
 *
 * @param exitCode  what {@code Main.run()} returned
 * @param routeIds  the routes that were running once Camel had started
 * @param report    the {@code report} bean, holding the figures of the run
 * @param log       everything logged during the run (slf4j-simple writes to System.err)
 */
record CubeExampleRun(int exitCode, List<String> routeIds, CubeReport report, String log) {

    /** Small sizes for tests: a run takes well under a second. */
    static final Map<String, String> SMALL = Map.of("cube.count", "1000", "heavy.count", "16", "heavy.rounds", "500",
            "heavy.warmup", "2");

    static CubeExampleRun run(Map<String, String> overrides) throws Exception {
        Main main = new Main(CubeApplication.class);
        overrides.forEach(main::addOverrideProperty);
        AtomicReference<List<String>> routeIds = new AtomicReference<>();
        AtomicReference<CubeReport> report = new AtomicReference<>();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                routeIds.set(started.getCamelContext().getRoutes().stream().map(Route::getRouteId).toList());
                report.set(started.getCamelContext().getRegistry().lookupByNameAndType("report", CubeReport.class));
            }
        });
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = main.run(new String[0]);
        } finally {
            System.err.flush();
            System.setErr(originalErr);
        }
        return new CubeExampleRun(exitCode, routeIds.get(), report.get(), captured.toString(StandardCharsets.UTF_8));
    }

    /** Writes to the real stream too, so the surefire report still has the output. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
