package io.github.camelparallel.dispatch;

import io.github.camelparallel.spi.BackendCapabilities;

/**
 * How a batch is cut for its backend: how many chunks may be in flight at once, and how big each chunk is. Decided
 * once, when the batch's {@link Dispatcher} is built. Stateless.
 */
final class BatchShape {

    /**
     * Largest automatic chunk of a streamed batch: one round of its consumer. The window buffers whole chunks (2 per
     * thread), so what is read ahead stays at a few rounds per thread; tiny items that would fill a longer chunk leave
     * the pool faster than any consumer takes them, so a longer chunk would only buffer more.
     */
    static final int STREAMING_MAX_AUTO_CHUNK = ResultIterator.ROUND;

    private BatchShape() {
    }

    /**
     * The window: {@code maxInFlight}, else twice the backend's parallelism (saturating: a huge poolSize of virtual
     * threads, "no bound", must not overflow into a negative window), within the backend's own cap.
     */
    static int maxInFlight(DispatchOptions options, BackendCapabilities capabilities) {
        int window = options.maxInFlight() > 0 ? options.maxInFlight()
                : (int) Math.min(Integer.MAX_VALUE, 2L * capabilities.parallelism());
        int cap = capabilities.maxInFlight();
        return cap > 0 ? Math.min(window, cap) : window;
    }

    /**
     * The chunker: a fixed {@code chunkSize}; one chunk for a batch that runs on its caller ({@code small}); else
     * sizes adapted to measured run times, starting from the endpoint's known time per item ({@code knownItemNanos},
     * negative when unknown) so a warm endpoint's batch does not ramp up from one item per chunk again.
     */
    static Chunker chunker(DispatchOptions options, BackendCapabilities capabilities, boolean small,
            double knownItemNanos) {
        if (options.chunkSize() > 0) {
            return Chunker.fixed(options.chunkSize());
        }
        if (small) {
            return Chunker.fixed(Integer.MAX_VALUE / 2); // one chunk: it runs on the caller anyway
        }
        return new AutoChunker(capabilities.parallelism(), capabilities.minChunkNanos(), capabilities.maxChunkNanos(),
                options.streaming() ? STREAMING_MAX_AUTO_CHUNK : Integer.MAX_VALUE / 2)
                .startingFrom(knownItemNanos);
    }
}
