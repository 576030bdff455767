package io.github.camelparallel.backend.thread;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Lets at most {@code limit} tasks of a thread-per-task executor run at once; the rest wait in a queue. This is
 * what makes {@code poolSize} mean the same on virtual threads as on platform threads.
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
                delegate.execute(() -> {
                    try {
                        next.run();
                    } finally {
                        synchronized (this) {
                            running--;
                        }
                        drain();
                    }
                });
            } catch (RuntimeException e) {
                synchronized (this) {
                    running--;
                }
                throw e;
            }
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
