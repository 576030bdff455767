package io.github.camelparallel.spi;

/**
 * What a backend can do, so the dispatch core can adapt without knowing which backend it drives
 * (joblib's capability flags on its backends). Immutable.
 *
 * @param parallelism      how many chunks the backend runs at once (the resolved {@code poolSize})
 * @param runsInCaller     whether {@link ParallelBackend#runInCaller} is supported: items run in this JVM, so a
 *                         blocked caller can run chunks itself (this is what makes nested batches deadlock-free)
 * @param minChunkNanos    the lower edge of the auto-chunking target band (per-chunk overhead is hidden above it)
 * @param maxChunkNanos    the upper edge of the band (chunks longer than this hurt load balancing)
 * @param maxInFlight      the most chunks of one batch the backend accepts at once, whatever the window option says
 *                         (a durable executor's capacity); 0 for no limit
 */
public record BackendCapabilities(int parallelism, boolean runsInCaller, long minChunkNanos, long maxChunkNanos,
        int maxInFlight) {

    /** Capabilities without a limit on chunks in flight. */
    public BackendCapabilities(int parallelism, boolean runsInCaller, long minChunkNanos, long maxChunkNanos) {
        this(parallelism, runsInCaller, minChunkNanos, maxChunkNanos, 0);
    }

    public BackendCapabilities {
        if (maxInFlight < 0) {
            throw new IllegalArgumentException("maxInFlight must be >= 0, was " + maxInFlight);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        if (minChunkNanos <= 0 || maxChunkNanos < minChunkNanos) {
            throw new IllegalArgumentException("bad chunk band " + minChunkNanos + ".." + maxChunkNanos);
        }
    }
}
