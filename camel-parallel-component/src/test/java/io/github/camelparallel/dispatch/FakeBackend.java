package io.github.camelparallel.dispatch;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelparallel.spi.BackendCapabilities;
import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;
import io.github.camelparallel.spi.ParallelBackend;

/**
 * A backend for driving the {@link Dispatcher} without Camel: chunks run on plain, unmarked executor threads (or on
 * the thread that submits them), item by item, reporting per {@link ChunkListener}'s contract. A chunk's item timeout
 * is honoured by running each item as a future and waiting for it at most that long. Counts what the dispatcher
 * sends, so tests can check the window.
 */
final class FakeBackend implements ParallelBackend {

    private final int parallelism;
    private final ExecutorService runners; // null: chunks run on the submitting thread
    private final ExecutorService items = Executors.newCachedThreadPool(r -> new Thread(r, "fake-item"));
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger maxOutstanding = new AtomicInteger();
    final AtomicInteger executed = new AtomicInteger();
    volatile Thread lastReporter;

    private FakeBackend(int parallelism, boolean onSubmitter) {
        this.parallelism = parallelism;
        this.runners = onSubmitter ? null : Executors.newFixedThreadPool(parallelism, r -> new Thread(r, "fake-runner"));
    }

    /** Runs chunks on {@code parallelism} plain threads that no one marks. */
    static FakeBackend onThreads(int parallelism) {
        return new FakeBackend(parallelism, false);
    }

    /** Runs every chunk synchronously, inside {@link #execute}, on the thread that submits it. */
    static FakeBackend onSubmitter() {
        return new FakeBackend(1, true);
    }

    @Override
    public BackendCapabilities capabilities() {
        return new BackendCapabilities(parallelism, false, 1_000_000L, 50_000_000L);
    }

    @Override
    public void start() {
    }

    @Override
    public void execute(Chunk chunk, ChunkListener listener) {
        executed.incrementAndGet();
        int now = outstanding.incrementAndGet();
        maxOutstanding.accumulateAndGet(now, Math::max);
        if (runners == null) {
            run(chunk, listener);
        } else {
            runners.execute(() -> run(chunk, listener));
        }
    }

    private void run(Chunk chunk, ChunkListener listener) {
        long began = System.nanoTime();
        if (!chunk.tryClaim()) {
            outstanding.decrementAndGet();
            return;
        }
        try {
            for (int offset = 0; offset < chunk.size() && !chunk.isCancelled(); offset++) {
                runItem(chunk, offset, listener);
            }
            chunk.releaseRunner();
        } finally {
            lastReporter = Thread.currentThread();
            outstanding.decrementAndGet();
            listener.chunkDone(chunk, System.nanoTime() - began);
        }
    }

    private void runItem(Chunk chunk, int offset, ChunkListener listener) {
        Object item = chunk.item(offset);
        int index = chunk.indexOf(offset);
        Future<Object> running = items.submit(() -> chunk.task().apply(item, index, chunk.attempt()));
        lastReporter = Thread.currentThread();
        try {
            Object result = chunk.itemTimeoutMillis() > 0
                    ? running.get(chunk.itemTimeoutMillis(), TimeUnit.MILLISECONDS) : running.get();
            listener.itemDone(chunk, offset, result, null);
        } catch (ExecutionException e) {
            listener.itemDone(chunk, offset, null, e.getCause());
        } catch (TimeoutException e) {
            running.cancel(true);
            listener.itemDone(chunk, offset, null, new TimeoutException("item " + index + " exceeded taskTimeout"));
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            listener.itemDone(chunk, offset, null, e);
        }
    }

    @Override
    public void stop() {
        if (runners != null) {
            runners.shutdownNow();
        }
        items.shutdownNow();
    }
}
