package io.github.camelparallel.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The peer a careful Java programmer writes by hand: a fixed pool of {@code threads} threads, the list cut into
 * {@code 2 × threads} contiguous chunks, every chunk writing its results into its own slice of one array, the list
 * assembled in input order. No Camel, no per-item bookkeeping: the floor for in-JVM dispatch.
 * <p>
 * Thread-safe; {@link #close()} shuts the pool down.
 */
public final class HandChunked implements AutoCloseable {

    private final ExecutorService pool;
    private final int chunks;

    public HandChunked(int threads) {
        this(Executors.newFixedThreadPool(threads), 2 * threads);
    }

    /** The same cut over another executor (a virtual-thread-per-task executor, say): {@code chunks} chunks. */
    public HandChunked(ExecutorService pool, int chunks) {
        this.pool = pool;
        this.chunks = chunks;
    }

    /** Applies {@code task} to every item; the result list holds the result of item i at index i. */
    public <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> task) throws InterruptedException {
        int n = items.size();
        Object[] results = new Object[n];
        int parts = Math.max(1, Math.min(chunks, n));
        List<Future<?>> futures = new ArrayList<>(parts);
        for (int c = 0; c < parts; c++) {
            int from = (int) ((long) c * n / parts);
            int to = (int) ((long) (c + 1) * n / parts);
            futures.add(pool.submit(() -> {
                for (int i = from; i < to; i++) {
                    results[i] = task.apply(items.get(i));
                }
            }));
        }
        try {
            for (Future<?> future : futures) {
                future.get(); // also publishes the slice's writes to this thread
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a chunk failed", e.getCause());
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return list;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
