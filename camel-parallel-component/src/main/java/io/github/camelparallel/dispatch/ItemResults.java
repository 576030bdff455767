package io.github.camelparallel.dispatch;

import java.util.function.IntFunction;

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

    /**
     * The array results are assembled in by batch index, for runners to store into directly ({@link #written}), or
     * null when results are not kept by index (a stream, a list in completion order).
     */
    default Object[] resultArray() {
        return null;
    }

    /**
     * Successes of {@code firstIndex .. firstIndex + count - 1}, none settled yet, whose results a runner stored in
     * {@link #resultArray()} already.
     */
    default void written(int firstIndex, int count) {
        Object[] array = resultArray();
        for (int i = 0; i < count; i++) {
            success(firstIndex + i, array[firstIndex + i]);
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

    /** Fails every item below {@code known} without an outcome, each with its own error; returns how many. */
    default int failUnfinished(int known, IntFunction<Throwable> error) {
        int unfinished = 0;
        for (int i = nextUnsettled(0, known); i < known; i = nextUnsettled(i + 1, known)) {
            unfinished++;
            failure(i, error.apply(i));
        }
        return unfinished;
    }

    /** Items the batch is known to hold: a list's whole size, or the items a stream has pulled so far. */
    int knownSize(int pulled);

    /** Items in the batch, or -1 when that is known only at its end (a stream). */
    long total();

    /** The batch as messages name it: {@code batch of 10} or {@code streamed batch}. */
    String name();

    /** The batch as an early end names it: {@link #name()}, a stream adding how many items it read. */
    default String nameWhenCut(int pulled) {
        return name();
    }

    /**
     * Whether a consumer takes results while the batch runs (a stream): every settled item may wake it, and a failed
     * item it will never take may free a window slot.
     */
    boolean consumedWhileRunning();

    /**
     * Whether an item failing under {@code onError=fail} lets the items before it settle and be handed out first,
     * nothing after it running or being read (a stream in order); otherwise the failure ends the batch at once.
     */
    boolean keepsItemsBeforeFailure();

    /**
     * Whether input never read when the batch ends early fails the batch as a whole under every policy (a stream:
     * items never read cannot be reported by index); a list's unfinished items fail by index instead.
     */
    boolean unreadInputFailsBatch();

    /**
     * Whether chunks still running when the batch ends are interrupted, leaving no task running (a stream), rather
     * than only cancelled so that unstarted ones never run (a list).
     */
    boolean interruptsLeftoversAtEnd();

    /** What the finished batch produced. */
    BatchOutcome outcome(int size, int retries, long elapsedMillis, BatchFailure failure, long busyNanos);
}
