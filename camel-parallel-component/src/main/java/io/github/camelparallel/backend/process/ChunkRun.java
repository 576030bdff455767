package io.github.camelparallel.backend.process;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelparallel.backend.remote.ItemReports;
import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;

/**
 * A chunk in the process pool's hands: the listener to report to and how many of its items are still unreported.
 * The last report ends the chunk ({@link ChunkListener#chunkDone}) exactly once. Thread-safe (atomics).
 */
final class ChunkRun implements ItemReports {

    private final Chunk chunk;
    private final ChunkListener listener;
    private final AtomicInteger unreported;
    private final AtomicLong runNanos = new AtomicLong();

    ChunkRun(Chunk chunk, ChunkListener listener) {
        this.chunk = chunk;
        this.listener = listener;
        this.unreported = new AtomicInteger(chunk.size());
    }

    Chunk chunk() {
        return chunk;
    }

    /** Reports one item; the chunk's last one also reports the chunk done. */
    void report(int offset, Object result, Throwable error) {
        listener.itemDone(chunk, offset, result, error);
        if (unreported.decrementAndGet() == 0) {
            listener.chunkDone(chunk, runNanos.get());
        }
    }

    /** Reports {@code count} successful items from {@code fromOffset} on in one go (one dispatcher lock, not n). */
    void reportAll(int fromOffset, Object[] results, int count) {
        if (count == 0) {
            return;
        }
        listener.itemsDone(chunk, fromOffset, results, count);
        if (unreported.addAndGet(-count) == 0) {
            listener.chunkDone(chunk, runNanos.get());
        }
    }

    @Override
    public void failed(int offset, Throwable error) {
        report(offset, null, error);
    }

    @Override
    public void succeeded(int fromOffset, Object[] results, int count) {
        reportAll(fromOffset, results, count);
    }

    void addRunNanos(long nanos) {
        runNanos.addAndGet(nanos);
    }
}
