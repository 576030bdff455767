package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Arrays;

import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.ItemError;
import io.github.camelparallel.protocol.ItemJson;

/**
 * Turns a worker's {@code result} frame into the reports of its job's items: each result converted to the task's
 * declared type, runs of successes at consecutive offsets reported in one call each (one dispatcher lock per run of
 * items, not per item: this is what keeps tiny tasks cheap), failed items one by one, as the worker's
 * {@link RemoteTaskException} or as the error of a result that cannot be read as the declared type.
 * <p>
 * Stateless and thread-safe; called outside the pool's lock, on the worker's reader thread.
 */
final class RunResults {

    private final ItemJson json;
    private final Type resultType;

    RunResults(ItemJson json, Type resultType) {
        this.json = json;
        this.resultType = resultType;
    }

    /** Reports every item of {@code job} from the worker's {@code result} (which holds one entry per item). */
    void report(Job job, Frame.Result result) {
        Throwable[] errors = new Throwable[job.size()];
        for (ItemError error : result.errors()) {
            if (error.index() >= 0 && error.index() < errors.length) {
                errors[error.index()] = new RemoteTaskException(error.error(), error.message(), error.trace());
            }
        }
        int[] offsets = job.offsets();
        Object[] values = new Object[job.size()];
        int pendingFrom = 0; // values[pendingFrom..i) succeeded at consecutive offsets, not reported yet
        for (int i = 0; i < job.size(); i++) {
            Throwable error = errors[i];
            if (error == null) {
                try {
                    values[i] = json.result(result.results().get(i));
                } catch (IOException | IllegalArgumentException e) {
                    error = new IllegalArgumentException("Result of item " + job.chunk().indexOf(offsets[i])
                            + " cannot be read as " + resultType + ": " + e.getMessage(), e);
                }
            }
            boolean breaksRun = error != null || i > pendingFrom && offsets[i] != offsets[i - 1] + 1;
            if (breaksRun) {
                reportSuccesses(job, values, pendingFrom, i);
                pendingFrom = i;
            }
            if (error != null) {
                job.run().report(offsets[i], null, error);
                pendingFrom = i + 1;
            }
        }
        reportSuccesses(job, values, pendingFrom, job.size());
    }

    /** Reports every item of the job failed with the same error (call outside the pool's lock). */
    static void fail(Job job, Throwable error) {
        for (int offset : job.offsets()) {
            job.run().report(offset, null, error);
        }
    }

    private static void reportSuccesses(Job job, Object[] values, int from, int to) {
        if (to > from) {
            job.run().reportAll(job.offsets()[from], from == 0 ? values : Arrays.copyOfRange(values, from, to), to - from);
        }
    }
}
