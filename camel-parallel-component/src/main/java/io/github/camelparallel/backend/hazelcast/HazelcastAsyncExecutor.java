package io.github.camelparallel.backend.hazelcast;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
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
 * result future has two such stages inside Hazelcast (its delegating future's own completion and the stage after
 * it), so on two processors each chunk started two threads (JFR: 13,496 thread starts in 26 s of one-item chunks).
 * Nothing of this pool waits on those stages (a chunk's completion runs on the pool's I/O threads), but creating the
 * threads took the CPU the chunks needed. {@link #install()} replaces only that thread-per-callback fallback, once per
 * JVM, by a cached pool of daemon threads that end after a minute idle: the same asynchronous execution, with threads
 * reused. A common pool with parallelism 2 or more, or an executor someone else installed, is left alone.
 * JVM-wide because Hazelcast's default is; never shut down (Hazelcast may hold it until the JVM ends; idle, it has no
 * thread). Thread-safe.
 */
final class HazelcastAsyncExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastAsyncExecutor.class);
    private static final Object LOCK = new Object();
    private static Executor installed;

    private HazelcastAsyncExecutor() {
    }

    /** Installs the shared pool when Hazelcast would start a thread per callback; true when it is installed now. */
    static boolean install() {
        synchronized (LOCK) {
            Executor current = ConcurrencyUtil.getDefaultAsyncExecutor();
            if (current == installed || current instanceof ForkJoinPool || ForkJoinPool.getCommonPoolParallelism() > 1
                    || !isThreadPerCallback(current)) {
                return current == installed;
            }
            AtomicInteger threads = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), task -> {
                        Thread thread = new Thread(task, "camel-parallel-hazelcast-async-" + threads.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            installed = pool;
            ConcurrencyUtil.setDefaultAsyncExecutor(pool);
            LOG.info("Hazelcast's default async executor started a thread per callback (common pool parallelism {});"
                    + " it now reuses threads of a cached pool", ForkJoinPool.getCommonPoolParallelism());
            return true;
        }
    }

    /** Hazelcast's fallback is a lambda of ConcurrencyUtil; anything else was installed by someone on purpose. */
    private static boolean isThreadPerCallback(Executor executor) {
        return executor.getClass().getName().startsWith(ConcurrencyUtil.class.getName() + "$$Lambda");
    }
}
