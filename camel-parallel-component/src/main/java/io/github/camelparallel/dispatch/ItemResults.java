package io.github.camelparallel.dispatch;

/**
 * Where a batch's item outcomes go as they settle: a list assembled at the end ({@link OrderedResults}) or a
 * stream handed to a consumer while the batch runs ({@link StreamResults}). Each index settles at most once; the
 * dispatcher guarantees it. Not thread-safe: owned by one {@link Dispatcher} and used under its lock.
 */
interface ItemResults {

    /** Fresh items {@code firstIndex .. firstIndex + count - 1} were pulled and dispatched as one chunk. */
    void opened(int firstIndex, int count);

    void success(int index, Object result);

    /**
     * Successes of the consecutive indices {@code firstIndex .. firstIndex + count - 1}, none settled yet, with their
     * results in {@code values[0 .. count - 1]}: one call per reported run instead of one per item.
     */
    default void successes(int firstIndex, Object[] values, int count) {
        for (int i = 0; i < count; i++) {
            success(firstIndex + i, values[i]);
        }
    }

    void failure(int index, Throwable error);

    /** Items settled so far (successes and failures). */
    long settledCount();

    /** Items failed so far. */
    long failedCount();

    /** Whether another chunk of fresh items may be dispatched (a stream waits for its consumer). */
    boolean hasRoom();

    /** The first pulled index without an outcome at or after {@code from}, or {@code pulled} when there is none. */
    int nextUnsettled(int from, int pulled);

    Throwable error(int index);

    /** What the finished batch produced. */
    BatchOutcome outcome(int size, int retries, long elapsedMillis, BatchFailure failure, long busyNanos);
}
