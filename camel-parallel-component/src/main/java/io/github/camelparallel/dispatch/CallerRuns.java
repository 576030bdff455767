package io.github.camelparallel.dispatch;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

import io.github.camelparallel.spi.ChunkThreads;
import io.github.camelparallel.spi.ParallelBackend;

/**
 * Decides whether a batch is small enough to run on its caller's thread: handing a batch to pool threads costs a few
 * wake-ups and a hop back (tens of microseconds), so a batch expected to take less than {@link #MAX_BATCH_NANOS}
 * finishes sooner where it is, like a small {@code parallelStream()}. The expectation is the batch's size times the
 * time per item measured on the endpoint's last chunks (their median); an endpoint that has measured nothing yet hands
 * off, so the first batch always teaches it.
 * <p>
 * One per producer (one task), shared by its batches. Thread-safe: a chunk's measurement is recorded by one thread at
 * a time, without waiting (a chunk that ends while another records is left out), and the estimate is read as one
 * volatile value.
 */
public final class CallerRuns {

    /** The longest expected batch run on its caller: below it, the hand-off costs more than two threads save. */
    static final long MAX_BATCH_NANOS = 50_000L;

    /** Time per item: the median of the last three chunks' (negative until three were measured). */
    private volatile double itemNanos = -1;
    /** Held by the one thread recording now. */
    private final AtomicBoolean recording = new AtomicBoolean();
    /** The last three chunks' times per item, a ring; guarded by {@code recording}. */
    private final double[] recent = new double[3];
    private int measured; // guarded by recording

    /**
     * Whether a batch of {@code items} items (Integer.MAX_VALUE: not known) runs on the current thread, its caller: a
     * list (not a stream) on a backend that runs chunks in this JVM, sent from outside a chunk (a nested batch helps
     * instead), expected to finish sooner there than handed off.
     */
    boolean runsHere(DispatchOptions options, ParallelBackend backend, int items) {
        return !options.streaming() && backend.capabilities().runsInCaller() && items != Integer.MAX_VALUE
                && !ChunkThreads.insideChunk() && small(items);
    }

    /**
     * For a streamed batch on a backend that runs chunks in this JVM: which chunks (by size) its consumer runs on its
     * own thread when it pumps (on a slot the backend lends, so {@code poolSize} still bounds what runs at once): those
     * expected to finish sooner there than handed to a pool thread and their results handed back, like a small batch,
     * unless the consumer is itself running a chunk (a nested stream's consumer helps instead). Null otherwise.
     */
    IntPredicate streamedChunksHere(DispatchOptions options, ParallelBackend backend) {
        if (!options.streaming() || !backend.capabilities().runsInCaller()) {
            return null;
        }
        return size -> !ChunkThreads.insideChunk() && small(size);
    }

    /** Whether a batch of {@code items} items is expected to finish sooner on its caller than handed off. */
    boolean small(int items) {
        double perItem = itemNanos;
        return perItem >= 0 && perItem * items <= MAX_BATCH_NANOS;
    }

    /** The time per item measured on the endpoint's last chunks (their median); negative until three were measured. */
    double itemNanos() {
        return itemNanos;
    }

    /**
     * A first attempt of {@code size} items ran for {@code runNanos}, wherever it ran. The median of three ignores one
     * chunk that was preempted on a busy machine (it would send the next batches off for nothing), and follows a task
     * that really became slower after two.
     */
    void record(int size, long runNanos) {
        // one recorder at a time, the others skip: a wide pool's chunks end by the thousand at once, and a measurement
        // left out costs nothing, while waiting for the monitor (a virtual thread parks for it) costs every chunk
        if (size <= 0 || !recording.compareAndSet(false, true)) {
            return;
        }
        try {
            recordNow(size, runNanos);
        } finally {
            recording.set(false);
        }
    }

    private void recordNow(int size, long runNanos) {
        recent[measured++ % recent.length] = (double) runNanos / size;
        if (measured >= recent.length) {
            double a = recent[0];
            double b = recent[1];
            double c = recent[2];
            itemNanos = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }
        if (measured == 3 * recent.length) {
            measured = recent.length; // keeps counting the ring's positions without overflowing
        }
    }
}
