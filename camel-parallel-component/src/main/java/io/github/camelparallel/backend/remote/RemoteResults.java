package io.github.camelparallel.backend.remote;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.ItemError;
import io.github.camelparallel.protocol.ItemJson;
import io.github.camelparallel.spi.Chunk;

/**
 * Turns a {@code result} frame from a worker process or a cluster member into the reports of its run's items: each
 * result converted to the task's declared type, runs of successes at consecutive offsets reported in one call each
 * (one dispatcher lock per run of items, not per item: this is what keeps tiny tasks cheap), failed items one by one,
 * as the remote {@link RemoteTaskException} or as the error of a result that cannot be read as the declared type.
 * Every item of the run is reported exactly once.
 * <p>
 * Stateless and thread-safe; called outside any pool lock, on the thread that read the frame.
 */
public final class RemoteResults {

    private final ResultReader reader;
    private final Type resultType;

    public RemoteResults(Type resultType) {
        this(resultType, new ItemJson(resultType)::result);
    }

    /** Results read by {@code reader} (a worker's own value forms); {@code resultType} names them in errors. */
    public RemoteResults(Type resultType, ResultReader reader) {
        this.reader = reader;
        this.resultType = resultType;
    }

    /** One result's JSON tree as a Java value. */
    @FunctionalInterface
    public interface ResultReader {

        Object read(JsonNode node) throws IOException;
    }

    /**
     * Reports every item of a run from its {@code result} frame, which must hold one result per sent item.
     *
     * @param chunk   the chunk the run belongs to (to name an item by its index)
     * @param offsets the offsets within the chunk of the items sent, in run order
     */
    public void report(Chunk chunk, int[] offsets, Frame.Result result, ItemReports reports) {
        Throwable[] errors = new Throwable[offsets.length];
        for (ItemError error : result.errors()) {
            if (error.index() >= 0 && error.index() < errors.length) {
                errors[error.index()] = new RemoteTaskException(error.error(), error.message(), error.trace());
            }
        }
        Object[] values = new Object[offsets.length];
        int pendingFrom = 0; // values[pendingFrom..i) succeeded at consecutive offsets, not reported yet
        for (int i = 0; i < offsets.length; i++) {
            Throwable error = errors[i];
            if (error == null) {
                try {
                    values[i] = reader.read(result.results().get(i));
                } catch (IOException | RuntimeException e) {
                    error = new IllegalArgumentException("Result of item " + chunk.indexOf(offsets[i])
                            + " cannot be read as " + resultType + ": " + e.getMessage(), e);
                }
            }
            boolean breaksRun = error != null || i > pendingFrom && offsets[i] != offsets[i - 1] + 1;
            if (breaksRun) {
                reportSuccesses(offsets, values, pendingFrom, i, reports);
                pendingFrom = i;
            }
            if (error != null) {
                reports.failed(offsets[i], error);
                pendingFrom = i + 1;
            }
        }
        reportSuccesses(offsets, values, pendingFrom, offsets.length, reports);
    }

    /** Reports every item sent failed with the same error. */
    public static void failAll(int[] offsets, Throwable error, ItemReports reports) {
        for (int offset : offsets) {
            reports.failed(offset, error);
        }
    }

    private static void reportSuccesses(int[] offsets, Object[] values, int from, int to, ItemReports reports) {
        if (to > from) {
            reports.succeeded(offsets[from], from == 0 ? values : Arrays.copyOfRange(values, from, to), to - from);
        }
    }
}
