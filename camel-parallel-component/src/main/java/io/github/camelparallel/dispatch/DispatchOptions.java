package io.github.camelparallel.dispatch;

/**
 * How one batch is dispatched. Immutable; built once per endpoint and shared by all its batches.
 *
 * @param poolName          the pool's name, for messages and logs
 * @param chunkSize         items per chunk, 0 for automatic sizing
 * @param maxInFlight       chunks dispatched and not yet done, per batch, 0 for twice the backend's parallelism
 * @param ordered           results in input order (true) or completion order (false)
 * @param errorPolicy       what a failed item does to the batch
 * @param maxRetries        re-runs of a failed item before it counts as failed
 * @param retryDelayMillis  wait before each re-run
 * @param taskTimeoutMillis bound on one attempt of one item, 0 for none
 * @param batchTimeoutMillis bound on the whole batch, 0 for none
 * @param streaming         pull the input lazily and hand results to a consumer as they come (true), or take the whole
 *                          input and produce one list (false)
 */
public record DispatchOptions(String poolName, int chunkSize, int maxInFlight, boolean ordered, ErrorPolicy errorPolicy,
        int maxRetries, long retryDelayMillis, long taskTimeoutMillis, long batchTimeoutMillis, boolean streaming) {

    public DispatchOptions {
        requireNonNegative("chunkSize", chunkSize);
        requireNonNegative("maxInFlight", maxInFlight);
        requireNonNegative("maxRetries", maxRetries);
        requireNonNegative("retryDelay", retryDelayMillis);
        requireNonNegative("taskTimeout", taskTimeoutMillis);
        requireNonNegative("timeout", batchTimeoutMillis);
        if (errorPolicy == null) {
            throw new IllegalArgumentException("Option onError must be set");
        }
    }

    private static void requireNonNegative(String option, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("Option " + option + " must be >= 0 but was " + value);
        }
    }
}
