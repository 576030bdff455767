package io.github.camelparallel.dispatch;

/**
 * Decides how many items go into the next chunk. Not thread-safe: the dispatcher calls it under its lock.
 */
public interface Chunker {

    /** Size of the next chunk, between 1 and {@code remaining}; {@code remaining} is at least 1. */
    int nextSize(int remaining);

    /** A chunk of {@code size} items ran for {@code runNanos}. */
    void record(int size, long runNanos);

    static Chunker fixed(int chunkSize) {
        return new Chunker() {
            @Override
            public int nextSize(int remaining) {
                return Math.min(chunkSize, remaining);
            }

            @Override
            public void record(int size, long runNanos) {
                // fixed size: nothing to learn
            }
        };
    }
}
