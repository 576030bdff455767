package io.github.camelparallel.spi;

/**
 * Receives what a backend learns while running a {@link Chunk}.
 * <p>
 * Contract for backends: for a chunk the backend claimed ({@link Chunk#tryClaim()} returned true), call
 * {@link #itemDone} at most once per offset and then {@link #chunkDone} exactly once. Items a backend did not
 * report (because the chunk was cancelled) are settled by the dispatcher, never dropped. Listener methods are
 * thread-safe and never block for long; they may be called from any thread.
 */
public interface ChunkListener {

    /** One item of the chunk finished: {@code error} is null on success. */
    void itemDone(Chunk chunk, int offset, Object result, Throwable error);

    /**
     * Several consecutive items of the chunk succeeded: offsets {@code fromOffset .. fromOffset + count - 1} with
     * {@code results[0 .. count - 1]}. The same as that many {@link #itemDone} calls, in one (a backend running tiny
     * items reports them in bulk, so the per-item cost stays off the batch's lock). The listener copies what it keeps:
     * the backend may reuse {@code results} once the call returns.
     */
    default void itemsDone(Chunk chunk, int fromOffset, Object[] results, int count) {
        for (int i = 0; i < count; i++) {
            itemDone(chunk, fromOffset + i, results[i], null);
        }
    }

    /**
     * Several consecutive items of the chunk succeeded and their results are stored already in the chunk's
     * {@link Chunk#resultArray()} at their batch indices: offsets {@code fromOffset .. fromOffset + count - 1}. Only for
     * a chunk that has a result array; the stores happen before this call.
     */
    default void itemsWritten(Chunk chunk, int fromOffset, int count) {
        Object[] values = new Object[count];
        System.arraycopy(chunk.resultArray(), chunk.indexOf(fromOffset), values, 0, count);
        itemsDone(chunk, fromOffset, values, count);
    }

    /** The backend is done with the chunk; {@code runNanos} is the time spent running it (no queueing). */
    void chunkDone(Chunk chunk, long runNanos);
}
