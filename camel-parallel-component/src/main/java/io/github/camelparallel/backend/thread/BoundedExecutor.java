package io.github.camelparallel.backend.thread;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Lets at most {@code limit} tasks of a thread-per-task executor run at once; the rest wait in a queue. This is
 * what makes {@code poolSize} mean the same on virtual threads as on platform threads. A thread whose task ends
 * runs the next queued task itself (in queue order) instead of starting another thread.
 * <p>
 * Thread-safe: {@code queue} and {@code running} are guarded by {@code this}; tasks are handed to the delegate
 * outside the lock.
 */
final class BoundedExecutor implements Executor {

    private final ExecutorService delegate;
    private final int limit;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int running;

    BoundedExecutor(ExecutorService delegate, int limit) {
        this.delegate = delegate;
        this.limit = limit;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.add(task);
        }
        drain();
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                if (running >= limit || queue.isEmpty()) {
                    return;
                }
                next = queue.poll();
                running++;
            }
            try {
                delegate.execute(() -> runThenTakeQueued(next));
            } catch (RuntimeException e) {
                synchronized (this) {
                    running--;
                }
                throw e;
            }
        }
    }

    /**
     * Runs {@code first}, then, on the same thread, whatever waits in the queue, until the queue is empty: a task
     * that ends hands its slot to the next queued task without starting a thread (FIFO, so no batch jumps the
     * queue). A thread start and a scheduling round per task would otherwise be the main cost of short tasks on
     * a wide pool.
     */
    private void runThenTakeQueued(Runnable first) {
        Runnable task = first;
        try {
            while (task != null) {
                task.run();
                synchronized (this) {
                    task = queue.poll();
                    if (task == null) {
                        running--;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                running--;
            }
            drain();
            throw e;
        }
    }

    /** Shuts the thread-per-task executor down: queued tasks are dropped, running ones finish. */
    void shutdownDelegate() {
        synchronized (this) {
            queue.clear();
        }
        delegate.shutdown();
    }
}
