package io.github.camelparallel.backend.thread;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.ParallelBackendFactory;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.CamelContext;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.ExecutorServiceManager;

/**
 * {@code backend=thread}: a pool of platform threads from Camel's {@link ExecutorServiceManager}, named after the
 * endpoint ({@code Parallel[NAME]}), or a thread pool profile ({@code threadPoolProfile}), or the user's own
 * {@code executorService}, which is used as is and never shut down. Stateless and thread-safe.
 */
public final class ThreadBackendFactory implements ParallelBackendFactory {

    /** Setting key: an {@link ExecutorService} the user gave ({@code executorService=#ref}). */
    public static final String EXECUTOR_SERVICE = "executorService";
    /** Setting key: a Camel thread pool profile id ({@code threadPoolProfile}). */
    public static final String THREAD_POOL_PROFILE = "threadPoolProfile";

    private final CamelContext context;
    private final Object owner;

    /** @param owner the object Camel's executor manager records as the pool's source (the component) */
    public ThreadBackendFactory(CamelContext context, Object owner) {
        this.context = context;
        this.owner = owner;
    }

    @Override
    public ParallelBackend create(PoolSpec spec) {
        ExecutorService userPool = (ExecutorService) spec.setting(EXECUTOR_SERVICE);
        String profile = (String) spec.setting(THREAD_POOL_PROFILE);
        ExecutorServiceManager manager = context.getExecutorServiceManager();
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
                manager.shutdownGraceful((ExecutorService) executor);
            }
        }, spec.scheduler());
    }
}
