package io.github.camelparallel.dispatch;

/**
 * Decides whether a batch is small enough to run on its caller's thread: handing a batch to pool threads costs a few
 * wake-ups and a hop back (tens of microseconds), so a batch expected to take less than {@link #MAX_BATCH_NANOS}
 * finishes sooner where it is, like a small {@code parallelStream()}. The expectation is the batch's size times the
 * time per item measured on the endpoint's earlier chunks (smoothed); an endpoint that has measured nothing yet hands
 * off, so the first batch always teaches it.
 * <p>
 * One per producer (one task), shared by its batches. Thread-safe: the estimate is one volatile value, and a lost
 * update between two racing chunks only makes it a little less smooth.
 */
public final class CallerRuns {

    /** The longest expected batch run on its caller: below it, the hand-off costs more than two threads save. */
    static final long MAX_BATCH_NANOS = 50_000L;

    /** Time per item, smoothed (moving average, slow up, fast down); negative until a chunk was measured. */
    private volatile double itemNanos = -1;

    /** Whether a batch of {@code items} items is expected to finish sooner on its caller than handed off. */
    boolean small(int items) {
        double perItem = itemNanos;
        return perItem >= 0 && perItem * items <= MAX_BATCH_NANOS;
    }

    /** A first attempt of {@code size} items ran for {@code runNanos}, wherever it ran. */
    void record(int size, long runNanos) {
        if (size <= 0) {
            return;
        }
        double perItem = (double) runNanos / size;
        double old = itemNanos;
        // up slowly (one preempted chunk on a busy machine must not send the next batches off), down fast; a task
        // that really became slow still reaches the threshold after one or two batches (its sample is far above)
        itemNanos = old < 0 ? perItem : perItem > old ? old + (perItem - old) / 8 : (old + perItem) / 2;
    }
}
