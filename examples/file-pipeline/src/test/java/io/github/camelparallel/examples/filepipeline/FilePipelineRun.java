package io.github.camelparallel.examples.filepipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.github.camelparallel.ParallelProgressEvent;
import io.github.camelparallel.dispatch.BatchProgress;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Runs the example exactly as {@link FilePipelineApplication} does (its {@code newMain()}, its application.properties)
 * in a directory and at sizes a test chooses, until it stops by itself; keeps what the tests look at.
 *
 * @param exitCode  what {@code Main.run()} returned
 * @param routeIds  the routes that were running once Camel had started
 * @param report    the {@code report} bean, holding each file's counts
 * @param progress  every progress report {@code parallel:trips} published (the events behind its log lines), each
 *                  with the number of lines its file's output had at that moment
 */
record FilePipelineRun(int exitCode, List<String> routeIds, PipelineReport report, List<ProgressSeen> progress) {

    /** A progress report, and how many lines the output file of its batch had when it came. */
    record ProgressSeen(BatchProgress progress, long linesWritten) {
    }

    static final int BATCHES = 3;
    static final int ROWS = 2000;

    /** Small sizes in {@code dir}: three files of 2,000 trips, progress every 10 ms (several reports per file). */
    static Map<String, String> small(Path dir) {
        Map<String, String> properties = new HashMap<>();
        properties.put("pipeline.dir", dir.toString());
        properties.put("pipeline.batches", Integer.toString(BATCHES));
        properties.put("pipeline.rows", Integer.toString(ROWS));
        properties.put("pipeline.progress-interval", "10ms");
        return properties;
    }

    static FilePipelineRun run(Map<String, String> overrides) throws Exception {
        Main main = FilePipelineApplication.newMain();
        overrides.forEach(main::addOverrideProperty);
        AtomicReference<List<String>> routeIds = new AtomicReference<>();
        AtomicReference<PipelineReport> report = new AtomicReference<>();
        List<ProgressSeen> progress = new ArrayList<>();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                CamelContext context = configured.getCamelContext();
                Path outbox = Path.of(context.resolvePropertyPlaceholders("{{pipeline.outbox}}"));
                context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                    @Override
                    public boolean isEnabled(CamelEvent event) {
                        return event instanceof ParallelProgressEvent;
                    }

                    @Override
                    public void notify(CamelEvent event) throws IOException {
                        ParallelProgressEvent report = (ParallelProgressEvent) event;
                        Path output = outbox.resolve(report.getExchange().getMessage().getHeader("pipelineOutput",
                                String.class));
                        long lines = 0;
                        if (Files.exists(output)) {
                            try (Stream<String> written = Files.lines(output, StandardCharsets.UTF_8)) {
                                lines = written.count();
                            }
                        }
                        synchronized (progress) {
                            progress.add(new ProgressSeen(report.getProgress(), lines));
                        }
                    }
                });
            }

            @Override
            public void afterStart(BaseMainSupport started) {
                routeIds.set(started.getCamelContext().getRoutes().stream().map(Route::getRouteId).toList());
                report.set(started.getCamelContext().getRegistry().lookupByNameAndType("report", PipelineReport.class));
            }
        });
        int exitCode = main.run(new String[0]);
        synchronized (progress) {
            return new FilePipelineRun(exitCode, routeIds.get(), report.get(), List.copyOf(progress));
        }
    }
}
