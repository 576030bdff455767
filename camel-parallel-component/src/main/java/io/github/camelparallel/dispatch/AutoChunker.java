package io.github.camelparallel.dispatch;

/**
 * Adapts the chunk size to measured run times ({@code chunkSize=0}), after joblib's {@code AutoBatchingMixin}:
 * start with one item per chunk; when chunks run shorter than the backend's target band, grow (at most doubling
 * per measurement); when they run longer, shrink; smooth the per-item time (EWMA 0.8 old / 0.2 new); and never
 * hand out more than a fair share of what is left, so the tail of a batch is spread over every worker, unless that
 * share would run for less than a hundredth of the band's minimum (tiny items: the tail is then cut no finer).
 * <p>
 * Not thread-safe: owned by one dispatcher and called under its lock.
 */
public final class AutoChunker implements Chunker {

    /** The shortest tail chunk is the band's minimum divided by this (50 µs on threads, 0.5 ms on processes). */
    static final long TAIL_FLOOR_DIVISOR = 100;

    private final int parallelism;
    private final long minChunkNanos;
    private final long maxChunkNanos;
    private final int maxSize;

    private int size = 1;
    private double itemNanos = -1;

    public AutoChunker(int parallelism, long minChunkNanos, long maxChunkNanos) {
        this(parallelism, minChunkNanos, maxChunkNanos, Integer.MAX_VALUE / 2);
    }

    /** @param maxSize the largest chunk handed out, whatever the measurements say (a streamed batch buffers chunks) */
    public AutoChunker(int parallelism, long minChunkNanos, long maxChunkNanos, int maxSize) {
        this.parallelism = parallelism;
        this.minChunkNanos = minChunkNanos;
        this.maxChunkNanos = maxChunkNanos;
        this.maxSize = Math.max(1, maxSize);
    }

    /**
     * Starts from a time per item measured before (on the endpoint's earlier batches) instead of from one item: the
     * first chunks already have the size that fills the band, so a warm endpoint's batch does not ramp up again from
     * one item per chunk. Negative: nothing known, start from one item. Returns this chunker.
     */
    public AutoChunker startingFrom(double knownItemNanos) {
        if (knownItemNanos >= 0) {
            itemNanos = Math.max(1.0, knownItemNanos);
            size = (int) Math.max(1, Math.min((long) (2 * minChunkNanos / itemNanos), maxSize));
        }
        return this;
    }

    @Override
    public int nextSize(int remaining) {
        // small chunks near the end: at most a quarter of a worker's fair share of what is left, but never a chunk
        // shorter than a hundredth of the band's minimum: below that its hand-off costs more than the balance it buys
        int fairShare = (int) Math.max(1, remaining / (4L * parallelism)); // long: a huge parallelism overflows
        int floor = itemNanos < 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, minChunkNanos / TAIL_FLOOR_DIVISOR / itemNanos);
        return Math.max(1, Math.min(Math.min(size, Math.max(fairShare, floor)), remaining));
    }

    @Override
    public void record(int chunkSize, long runNanos) {
        double perItem = Math.max(1.0, (double) runNanos / chunkSize);
        itemNanos = itemNanos < 0 ? perItem : 0.8 * itemNanos + 0.2 * perItem;
        if (chunkSize != size) {
            return; // measured at an older size (or a shortened tail chunk): learn the item time only
        }
        double chunkNanos = itemNanos * size;
        if (chunkNanos < minChunkNanos) {
            long ideal = (long) (2 * minChunkNanos / itemNanos);
            size = (int) Math.max(1, Math.min(2L * size, Math.min(ideal, maxSize)));
        } else if (chunkNanos > maxChunkNanos && size >= 2) {
            long ideal = (long) (minChunkNanos / itemNanos);
            size = (int) Math.max(1, Math.min(2 * ideal, maxSize));
        }
    }

    /** The current target size, for tests and statistics. */
    public int currentSize() {
        return size;
    }
}
