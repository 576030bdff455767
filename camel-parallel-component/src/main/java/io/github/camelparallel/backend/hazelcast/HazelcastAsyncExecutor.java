package io.github.camelparallel.backend.hazelcast;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.hazelcast.internal.util.ConcurrencyUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hazelcast completes its own futures' internal stages on a JVM-wide default async executor: the JDK's common pool, or,
 * where that has parallelism 1 (a machine with two processors), a new thread for every callback. Every chunk's
 * result future has two such stages inside Hazelcast, so on two processors each chunk started two threads (JFR:
 * 13,496 thread starts in 26 s of one-item chunks). Nothing of this pool waits on those stages (a chunk's completion
 * runs on the pool's I/O threads), but creating the threads took the CPU the chunks needed.
 * <p>
 * While at least one Hazelcast pool runs ({@link #acquire()} at its start, {@link #release()} at its stop), that
 * thread-per-callback fallback is replaced by a cached pool of daemon threads: the same asynchronous execution, with
 * threads reused. The last release puts Hazelcast's fallback back and shuts the pool down (no thread outlives the
 * pools); a callback that arrives after that runs on Hazelcast's fallback. A common pool with parallelism 2 or more,
 * or an executor someone else installed, is left alone. JVM-wide because Hazelcast's default is, so not a Camel
 * ExecutorServiceManager pool (that would end with one CamelContext while others still use Hazelcast). States:
 * NOT INSTALLED → INSTALLED (first acquire finds the fallback) → NOT INSTALLED (last release). Thread-safe (one lock).
 */
final class HazelcastAsyncExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastAsyncExecutor.class);
    private static final Object LOCK = new Object();
    private static int users;
    private static Executor fallback;
    private static ThreadPoolExecutor pool;
    private static Executor installed;

    private HazelcastAsyncExecutor() {
    }

    /** A Hazelcast pool starts; installs the shared pool when Hazelcast would start a thread per callback. */
    static void acquire() {
        synchronized (LOCK) {
            users++;
            Executor current = ConcurrencyUtil.getDefaultAsyncExecutor();
            if (installed != null || ForkJoinPool.getCommonPoolParallelism() > 1 || !isThreadPerCallback(current)) {
                return;
            }
            AtomicInteger threads = new AtomicInteger();
            ThreadPoolExecutor threadPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), task -> {
                        Thread thread = new Thread(task, "camel-parallel-hazelcast-async-" + threads.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            Executor original = current;
            Executor reusing = task -> {
                try {
                    threadPool.execute(task);
                } catch (RejectedExecutionException e) {
                    original.execute(task); // released meanwhile: Hazelcast's own way
                }
            };
            fallback = original;
            pool = threadPool;
            installed = reusing;
            ConcurrencyUtil.setDefaultAsyncExecutor(reusing);
            LOG.debug("Hazelcast's default async executor started a thread per callback (common pool parallelism {});"
                    + " it reuses threads while a Hazelcast pool runs", ForkJoinPool.getCommonPoolParallelism());
        }
    }

    /** A Hazelcast pool stopped; the last one puts Hazelcast's fallback back and ends the threads. */
    static void release() {
        synchronized (LOCK) {
            users = Math.max(0, users - 1);
            if (users > 0 || installed == null) {
                return;
            }
            if (ConcurrencyUtil.getDefaultAsyncExecutor() == installed) {
                ConcurrencyUtil.setDefaultAsyncExecutor(fallback);
            }
            pool.shutdown();
            installed = null;
            pool = null;
            fallback = null;
        }
    }

    /** Hazelcast's fallback is a lambda of ConcurrencyUtil; anything else was installed by someone on purpose. */
    private static boolean isThreadPerCallback(Executor executor) {
        return executor.getClass().getName().startsWith(ConcurrencyUtil.class.getName() + "$$Lambda");
    }
}
