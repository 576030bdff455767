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
 */
public record BatchOutcome(List<Object> results, SortedMap<Integer, Throwable> errors, int size, int retries,
        long elapsedMillis, BatchFailure failure) {

    public int failedCount() {
        return errors.size();
    }
}
