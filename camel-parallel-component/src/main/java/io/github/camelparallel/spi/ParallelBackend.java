package io.github.camelparallel.spi;

/**
 * Where chunks run: a pool of platform threads, virtual threads, worker processes or a cluster.
 * <p>
 * One backend instance serves one named pool, shared by every endpoint of that name and by every batch in
 * flight on it. {@link #execute} must be safe to call from many threads at once and must not block.
 * The dispatch core owns ordering, chunking, windows, retries and batch timeouts; a backend only runs chunks
 * and reports per {@link ChunkListener}'s contract. Every backend passes the same contract test suite.
 */
public interface ParallelBackend {

    /** What the backend can do; constant for the backend's lifetime. */
    BackendCapabilities capabilities();

    /** Acquires the backend's threads, processes or members; fails with a message naming the culprit. */
    void start() throws Exception;

    /**
     * Runs the chunk some time later. The backend must call {@link Chunk#tryClaim()} first and do nothing with
     * a chunk it could not claim (it was cancelled, or a blocked caller ran it already).
     *
     * @throws java.util.concurrent.RejectedExecutionException when the backend is stopped
     */
    void execute(Chunk chunk, ChunkListener listener);

    /**
     * Runs an already claimed chunk on the calling thread. Only when {@link BackendCapabilities#runsInCaller()}.
     */
    default void runInCaller(Chunk chunk, ChunkListener listener) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot run chunks in the caller");
    }

    /**
     * Runs an unclaimed chunk on the calling thread if one of the backend's slots is free now: the caller borrows the
     * slot, so no more than {@code parallelism} chunks run at once, pool threads and callers together. Claims the
     * chunk, runs it and reports as {@link #execute} would, then returns true; returns false, having done nothing,
     * when no slot is free or the backend does not lend them (then hand the chunk to {@link #execute}).
     */
    default boolean runInCallerIfFree(Chunk chunk, ChunkListener listener) {
        return false;
    }

    /** Releases what {@link #start()} acquired (and only that); chunks still queued are not run. */
    void stop();
}
