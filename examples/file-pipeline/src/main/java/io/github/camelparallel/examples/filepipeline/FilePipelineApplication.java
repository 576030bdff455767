package io.github.camelparallel.examples.filepipeline;

import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Starts the file pipeline example with camel-main. Before Camel starts, the inbox gets its CSV files if it has none
 * ({@link TripInbox}); then the {@code file:} route streams each file through {@code parallel:trips} and writes the
 * results as they come. {@code routes/file-pipeline.camel.yaml} and {@link FilePipelineRoutes} hold the same route;
 * {@code example.dsl} picks which one runs. The application stops by itself once every CSV file that was in the inbox
 * at start is done ({@link PipelineReport#expect}); {@code camel.main.duration-max-messages} cannot say that, since it
 * counts the exchanges of the split too.
 */
public final class FilePipelineApplication {

    private FilePipelineApplication() {
    }

    public static void main(String... args) throws Exception {
        int exitCode = newMain().run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** The example's {@code Main}, as {@link #main} runs it; the tests run the same one. */
    public static Main newMain() {
        // Main(FilePipelineApplication.class) scans this package, which is how FilePipelineRoutes is found
        Main main = new Main(FilePipelineApplication.class);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStart(BaseMainSupport started) {
                CamelContext context = started.getCamelContext();
                List<Path> inputs = TripInbox.ensure(Path.of(context.resolvePropertyPlaceholders("{{pipeline.inbox}}")),
                        Integer.parseInt(context.resolvePropertyPlaceholders("{{pipeline.batches}}")),
                        Integer.parseInt(context.resolvePropertyPlaceholders("{{pipeline.rows}}")));
                context.getRegistry().lookupByNameAndType("report", PipelineReport.class)
                        .expect(inputs.size(), main::completed);
            }
        });
        return main;
    }
}
