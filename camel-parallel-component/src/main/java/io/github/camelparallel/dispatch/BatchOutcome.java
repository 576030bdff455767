package io.github.camelparallel.dispatch;

import java.util.List;
import java.util.SortedMap;

/**
 * What a finished batch produced. Immutable once handed out.
 *
 * @param results      results in input order (or completion order), shaped by the error policy
 * @param errors       failures by item index (empty when none)
 * @param size         items in the batch
 * @param retries      re-runs performed
 * @param elapsedMillis wall time from dispatch to the last settled item
 * @param failure      non-null when the batch failed as a whole
 * @param busyNanos    time spent running chunks, summed over the backend's threads, workers or members
 * @param failedCount  items failed after their retries (for a streamed batch, also those {@code errors} forgot)
 */
public record BatchOutcome(List<Object> results, SortedMap<Integer, Throwable> errors, int size, int retries,
        long elapsedMillis, BatchFailure failure, long busyNanos, long failedCount) {

    public BatchOutcome(List<Object> results, SortedMap<Integer, Throwable> errors, int size, int retries,
            long elapsedMillis, BatchFailure failure, long busyNanos) {
        this(results, errors, size, retries, elapsedMillis, failure, busyNanos, errors.size());
    }
}
