package io.github.camelparallel.backend.thread;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bound behind {@code backend=virtual}: at most {@code limit} tasks at once, queued tasks run in order, and a
 * task that ends hands its slot to the next queued task on the same thread (no thread start per task); a task that
 * throws frees its slot.
 */
class BoundedExecutorTest {

    @Test
    void queuedTasksRunInOrderOnTheThreadsAlreadyStartedAndNeverMoreThanTheLimitAtOnce() throws Exception {
        CountingExecutor threads = new CountingExecutor();
        BoundedExecutor bounded = new BoundedExecutor(threads, 2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(100);
        CountDownLatch firstTwoRunning = new CountDownLatch(2);
        for (int i = 0; i < 100; i++) {
            int n = i;
            bounded.execute(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                firstTwoRunning.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add(n);
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertTrue(firstTwoRunning.await(30, TimeUnit.SECONDS), "two tasks run at once");
        release.countDown();
        assertTrue(done.await(30, TimeUnit.SECONDS), "every task ran");
        assertEquals(2, threads.started.get(), "two threads ran all 100 tasks");
        assertEquals(2, mostAtOnce.get(), "never more than the limit at once");
        List<Integer> queued = order.stream().filter(n -> n >= 2).toList();
        assertEquals(IntStream.range(2, 100).boxed().toList(), queued.stream().sorted().toList());
        bounded.shutdownDelegate();
    }

    @Test
    void aTaskThatThrowsFreesItsSlotForTheQueue() throws Exception {
        CountingExecutor threads = new CountingExecutor();
        BoundedExecutor bounded = new BoundedExecutor(threads, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(2);
        bounded.execute(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("boom (expected by the test)");
        });
        bounded.execute(ran::countDown);
        bounded.execute(ran::countDown);
        release.countDown();
        assertTrue(ran.await(30, TimeUnit.SECONDS), "the queued tasks ran after the failing one");
        bounded.shutdownDelegate();
    }

    /** A thread-per-task executor that counts the threads it starts. */
    private static final class CountingExecutor extends AbstractExecutorService {
        final AtomicInteger started = new AtomicInteger();
        private final ExecutorService threads = Executors.newCachedThreadPool();

        @Override
        public void execute(Runnable command) {
            started.incrementAndGet();
            threads.execute(command);
        }

        @Override
        public void shutdown() {
            threads.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return threads.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return threads.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return threads.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return threads.awaitTermination(timeout, unit);
        }
    }
}
