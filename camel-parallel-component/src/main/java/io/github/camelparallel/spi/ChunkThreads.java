package io.github.camelparallel.spi;

/**
 * Knows whether the current thread is running a chunk of some pool. A batch sent from such a thread (a task that
 * itself calls {@code parallel:}) on a backend that {@code runsInCaller} runs in helping mode: the caller runs its own
 * chunks instead of parking, so nested batches cannot deadlock however small the pool. Backends mark the threads that
 * run chunks; where a route continues after a batch does not depend on it (the dispatcher hands off always, unless
 * the batch completed on its caller's own thread). Thread-safe (thread-confined state).
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
