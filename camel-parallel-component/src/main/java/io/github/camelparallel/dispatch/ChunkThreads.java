package io.github.camelparallel.dispatch;

/**
 * Knows whether the current thread is running a chunk of some pool (or is another pool-owned thread, such as a
 * process worker's reader, that must not carry the rest of a route). A batch sent from such a thread (a task that
 * itself calls {@code parallel:}) runs in helping mode: the caller runs its own chunks instead of parking, so
 * nested batches cannot deadlock however small the pool. Thread-safe (thread-confined state).
 */
public final class ChunkThreads {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private ChunkThreads() {
    }

    /** Marks the current thread as running a chunk until {@link #exit()}. Calls nest. */
    public static void enter() {
        DEPTH.get()[0]++;
    }

    public static void exit() {
        DEPTH.get()[0]--;
    }

    public static boolean insideChunk() {
        return DEPTH.get()[0] > 0;
    }
}
