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

    /** The backend is done with the chunk; {@code runNanos} is the time spent running it (no queueing). */
    void chunkDone(Chunk chunk, long runNanos);
}
