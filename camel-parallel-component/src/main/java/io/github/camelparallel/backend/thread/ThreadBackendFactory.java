package io.github.camelparallel.backend.thread;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.backend.CamelAwareBackendFactory;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.PoolSpec;
import io.github.camelparallel.spi.BackendSettings.ThreadSettings;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.ExecutorServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backend=thread}: a pool of platform threads from Camel's {@link ExecutorServiceManager}, named after the
 * endpoint ({@code Parallel[NAME]}), or a thread pool profile ({@code threadPoolProfile}), or the user's own
 * {@code executorService}, which is used as is and never shut down. Registered by its service file
 * ({@code META-INF/services/io/github/camelparallel/backend/thread}). Stateless and thread-safe.
 */
public final class ThreadBackendFactory extends CamelAwareBackendFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadBackendFactory.class);

    /** Found by its service file; Camel's injector sets the context. */
    public ThreadBackendFactory() {
    }

    @Override
    public ParallelBackend create(PoolSpec spec) {
        ThreadSettings settings = spec.settings(ThreadSettings.class);
        ExecutorService userPool = settings.executorService();
        String profile = settings.threadPoolProfile();
        Object owner = this;
        ExecutorServiceManager manager = getCamelContext().getExecutorServiceManager();
        if (userPool == null && profile != null && manager.getThreadPoolProfile(profile) == null) {
            throw new IllegalArgumentException("Option threadPoolProfile of parallel:" + spec.name()
                    + ": no thread pool profile named '" + profile + "' is registered");
        }
        String threadName = "Parallel[" + spec.name() + "]";
        return new ExecutorBackend(spec.name(), spec.poolSize(), () -> {
            if (userPool != null) {
                return userPool;
            }
            if (profile != null) {
                return manager.newThreadPool(owner, threadName, profile);
            }
            // fixed size; the queue is unbounded because every batch bounds its own chunks (maxInFlight), and a
            // refused chunk must fail loudly (Abort) rather than run on the submitting thread (CallerRuns)
            ThreadPoolProfile fixed = new ThreadPoolProfile(threadName);
            fixed.setPoolSize(spec.poolSize());
            fixed.setMaxPoolSize(spec.poolSize());
            fixed.setMaxQueueSize(Integer.MAX_VALUE);
            fixed.setKeepAliveTime(60L);
            fixed.setTimeUnit(TimeUnit.SECONDS);
            fixed.setAllowCoreThreadTimeOut(false);
            fixed.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
            return manager.newThreadPool(owner, threadName, fixed);
        }, (Executor executor) -> {
            if (executor != userPool) {
                stopAwaitingOnce(manager, (ExecutorService) executor, spec.name());
            }
        }, spec.scheduler(), userPool == null && profile == null);
    }

    /**
     * Stops a pool we created, waiting for its threads at most once ({@code shutdownAwaitTermination}). Camel's
     * {@code shutdownGraceful} awaits twice, before and after {@code shutdownNow}, so a task that ignores interrupts
     * held a stop for the route's shutdown timeout plus twice that await; the stopping producer has interrupted the
     * running chunks already, so a thread still busy after one await will not return for a second interrupt either.
     */
    static void stopAwaitingOnce(ExecutorServiceManager manager, ExecutorService executor, String poolName) {
        executor.shutdown();
        boolean terminated;
        try {
            terminated = executor.awaitTermination(manager.getShutdownAwaitTermination(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminated = false;
        }
        if (!terminated) {
            LOG.warn("[{}] pool threads still run tasks {} ms after the stop (tasks that ignore interrupts); interrupting"
                    + " them and stopping without waiting for them", poolName, manager.getShutdownAwaitTermination());
            executor.shutdownNow();
        }
        manager.shutdown(executor); // shut down already: Camel only forgets it
    }
}
