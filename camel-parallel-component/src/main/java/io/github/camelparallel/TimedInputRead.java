package io.github.camelparallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import io.github.camelparallel.dispatch.BatchSource;

/**
 * Reads a lazy input (an Iterator, a stream, a text input) into the list of a non-streamed batch under the batch
 * {@code timeout}: the read runs on a hand-off thread, so an input that blocks cannot keep the caller past the
 * timeout. At the timeout the source is closed (its reading thread interrupted, its resource closed) and the batch
 * fails with a {@link TimeoutException} naming how many items were read; a read that ignores interrupts keeps its
 * hand-off thread until the input returns, and what it reads then is dropped. Exactly one of the two outcomes is
 * delivered ({@code settled}); both are delivered off the timer thread. Thread-safe.
 */
final class TimedInputRead {

    private TimedInputRead() {
    }

    /**
     * @param then receives the items and the time left of the timeout in ms (at least 1), or, with a null list, the
     *             error that ended the read; called once, on a hand-off thread
     */
    static void read(String poolName, BatchSource source, long timeoutMillis, ExecutorService handoff,
            ScheduledExecutorService scheduler, BiConsumer<List<Object>, Object> then) {
        long start = System.nanoTime();
        AtomicBoolean settled = new AtomicBoolean();
        ScheduledFuture<?> timer = scheduler.schedule(() -> {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            long read = source.pulled();
            source.close(); // interrupts the reader, closes a file or stream
            TimeoutException timeout = new TimeoutException("parallel:" + poolName + " batch timeout of "
                    + timeoutMillis + " ms elapsed while reading the batch input (" + read + " items read)");
            handoff.execute(() -> then.accept(null, new ParallelTaskException("Batch on parallel:" + poolName
                    + " ended early: the batch timeout of " + timeoutMillis + " ms elapsed before its input was read to"
                    + " the end (" + read + " items read)", (int) Math.min(read, Integer.MAX_VALUE), timeout)));
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        handoff.execute(() -> {
            List<Object> items = new ArrayList<>();
            RuntimeException error = null;
            try {
                for (List<Object> part = source.pull(8192); !part.isEmpty(); part = source.pull(8192)) {
                    items.addAll(part);
                }
            } catch (RuntimeException e) {
                error = e;
            } finally {
                source.close();
            }
            if (!settled.compareAndSet(false, true)) {
                return; // the timeout came first and answered
            }
            timer.cancel(false);
            long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            then.accept(error == null ? items : null, error == null ? Math.max(1L, left) : error);
        });
    }
}
