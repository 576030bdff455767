package io.github.camelparallel.examples.filepipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.camelparallel.dispatch.ResultIterator;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The bookkeeping steps of the route. Before a file's batch, {@link #begin} names its output file and removes the
 * output of an earlier run (results are appended line by line, so an old file would be appended to). After it,
 * {@link #done} records the streamed batch's counts from its {@link ResultIterator}, which the tests read, and once
 * every expected file is done, says so ({@link #expect}), which is how the application stops by itself.
 * Thread-safe: every method holds the report's lock; readers get a copy.
 */
public class PipelineReport {

    /** One input file's batch: items read, results written, items failed. */
    public record FileOutcome(String input, String output, long pulled, long delivered, long failed) {
    }

    private String outbox;
    private final List<FileOutcome> outcomes = new ArrayList<>();
    private int expectedFiles = -1;
    private Runnable whenAllDone = () -> { };

    /** Runs {@code whenAllDone} once {@code files} files are done (at once if they already are). */
    public synchronized void expect(int files, Runnable whenAllDone) {
        this.expectedFiles = files;
        this.whenAllDone = whenAllDone;
        if (outcomes.size() >= files) {
            whenAllDone.run();
        }
    }

    /** The output file's name for an input {@code trips-001.csv}: {@code trips-001.distances.csv}. */
    public static String outputName(String input) {
        String stem = input.endsWith(".csv") ? input.substring(0, input.length() - 4) : input;
        return stem + ".distances.csv";
    }

    /** Names the output file of this input and deletes the one an earlier run left. */
    public String begin(@Header(Exchange.FILE_NAME_ONLY) String input) throws IOException {
        String output = outputName(input);
        Files.deleteIfExists(Path.of(outbox, output));
        return output;
    }

    /** Records the counts of the batch whose results were all written. */
    public synchronized void done(@Body ResultIterator results, @Header(Exchange.FILE_NAME_ONLY) String input) {
        outcomes.add(new FileOutcome(input, outputName(input), results.pulledCount(), results.deliveredCount(),
                results.failedCount()));
        if (outcomes.size() == expectedFiles) {
            whenAllDone.run();
        }
    }

    public synchronized List<FileOutcome> getOutcomes() {
        return List.copyOf(outcomes);
    }

    public String getOutbox() {
        return outbox;
    }

    public void setOutbox(String outbox) {
        this.outbox = outbox;
    }
}
