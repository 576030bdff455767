package io.github.camelparallel;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;

import io.github.camelparallel.management.PoolManagement;
import io.github.camelparallel.spi.BackendSettings;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.ParallelBackendFactory;
import io.github.camelparallel.spi.PoolSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named pools of one component: endpoints with the same name share one backend, reference-counted like
 * {@code seda:} queues. The first producer of a name creates and starts the pool; the last one to stop stops it.
 * A later endpoint that explicitly asks for different pool options fails at start with both values named.
 * <p>
 * Thread-safe. The registry lock guards only the map and the counts: a pool starts and stops outside it, so a slow
 * start (a process pool waits for its workers' hello) holds back only the endpoints of its own name, which wait on
 * that pool's {@code started} future; a name whose previous pool is still stopping waits for that stop before its
 * new pool starts.
 */
final class ParallelPools {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelPools.class);

    /** One name's pool: its values are known at once, its backend when {@link #started} completes. */
    private static final class Pool {
        final PoolSpec spec;
        final Map<String, Object> values;
        final CompletableFuture<Void> started = new CompletableFuture<>();
        ParallelBackend backend; // written before started completes
        PoolManagement management; // written before started completes
        int references; // guarded by ParallelPools.this

        Pool(PoolSpec spec, Map<String, Object> values) {
            this.spec = spec;
            this.values = values;
        }

        boolean running() {
            return started.isDone() && !started.isCompletedExceptionally();
        }
    }

    private final BackendFactories factories;
    private final BiFunction<PoolSpec, ParallelBackend, PoolManagement> watch;
    private final Map<String, Pool> pools = new HashMap<>(); // guarded by this
    private final Map<String, CompletableFuture<Void>> stopping = new HashMap<>(); // guarded by this

    /** @param watch starts the statistics, MBean, meters and health check of a pool that has just started */
    ParallelPools(BackendFactories factories, BiFunction<PoolSpec, ParallelBackend, PoolManagement> watch) {
        this.factories = factories;
        this.watch = watch;
    }

    /** Joins (or creates and starts) the pool of the endpoint's name. */
    ParallelBackend acquire(ParallelEndpoint endpoint, ScheduledExecutorService scheduler) throws Exception {
        String name = endpoint.getName();
        ParallelConfiguration config = endpoint.getConfiguration();
        ParallelBackendFactory factory = factories.find(config.getBackend(), name);
        BackendSettings settings = PoolSettings.of(config, factory.settingsType());
        int poolSize = ParallelConfiguration.checkPoolSizeBound(config.getBackend(),
                ParallelConfiguration.resolvePoolSize(config.getPoolSize(), Runtime.getRuntime().availableProcessors(),
                        name), name);
        Map<String, Object> values = PoolSettings.values(config.getBackend(), poolSize, settings);
        Pool pool;
        boolean first;
        CompletableFuture<Void> previousStop;
        synchronized (this) {
            pool = pools.get(name);
            first = pool == null;
            if (first) {
                pool = new Pool(new PoolSpec(name, config.getBackend(), poolSize, scheduler, settings), values);
                pools.put(name, pool);
            } else {
                checkSameOptions(endpoint, pool, values);
            }
            pool.references++;
            previousStop = first ? stopping.get(name) : null;
        }
        return first ? start(pool, factory, previousStop) : awaitStarted(pool);
    }

    private ParallelBackend start(Pool pool, ParallelBackendFactory factory, CompletableFuture<Void> previousStop)
            throws Exception {
        String name = pool.spec.name();
        try {
            if (previousStop != null) {
                previousStop.get(); // never completes exceptionally
            }
            ParallelBackend backend = factory.create(pool.spec);
            backend.start();
            pool.backend = backend;
            try {
                pool.management = watch.apply(pool.spec, backend);
            } catch (RuntimeException e) {
                backend.stop();
                throw e;
            }
        } catch (Exception | Error e) {
            synchronized (this) {
                pools.remove(name, pool);
            }
            pool.started.completeExceptionally(e);
            throw e;
        }
        pool.started.complete(null);
        LOG.info("[{}] pool started: backend={}, poolSize={}", name, pool.spec.backend(), pool.spec.poolSize());
        return pool.backend;
    }

    /** A second endpoint of a name waits for the first one's start (only that name's endpoints wait). */
    private static ParallelBackend awaitStarted(Pool pool) throws Exception {
        try {
            pool.started.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("parallel:" + pool.spec.name() + " failed to start: " + cause.getMessage(),
                    cause);
        }
        return pool.backend;
    }

    private static void checkSameOptions(ParallelEndpoint endpoint, Pool pool, Map<String, Object> values) {
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String option = entry.getKey();
            if (isExplicit(endpoint, option) && !Objects.equals(pool.values.get(option), entry.getValue())) {
                throw new IllegalArgumentException("parallel:" + endpoint.getName() + " is already in use with " + option
                        + "=" + pool.values.get(option) + ", but endpoint " + endpoint.getEndpointUri() + " asks for "
                        + option + "=" + entry.getValue() + ". Endpoints with one name share one pool: give them"
                        + " the same pool options, or different names.");
            }
        }
    }

    /** Camel binds option names in any case (poolsize=2 sets poolSize): compare them by their canonical names. */
    private static boolean isExplicit(ParallelEndpoint endpoint, String option) {
        return endpoint.getExplicitPoolOptions().stream().anyMatch(option::equalsIgnoreCase);
    }

    /** Leaves the pool; the last one out stops it (outside the registry lock). */
    void release(String name) {
        Pool pool;
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        synchronized (this) {
            pool = pools.get(name);
            if (pool == null || --pool.references > 0) {
                return;
            }
            pools.remove(name);
            stopping.put(name, stopped);
        }
        try {
            if (pool.running()) {
                pool.management.close();
                pool.backend.stop();
                LOG.info("[{}] pool stopped", name);
            }
        } finally {
            synchronized (this) {
                stopping.remove(name, stopped);
            }
            stopped.complete(null);
        }
    }

    /** The running pool of that name, or null. */
    private synchronized Pool running(String name) {
        Pool pool = pools.get(name);
        return pool != null && pool.running() ? pool : null;
    }

    /** The spec of a running pool, or null. */
    PoolSpec spec(String name) {
        Pool pool = running(name);
        return pool == null ? null : pool.spec;
    }

    /** What watches a running pool, or null. */
    PoolManagement management(String name) {
        Pool pool = running(name);
        return pool == null ? null : pool.management;
    }

    /** The backend of a running pool, or null. */
    ParallelBackend backend(String name) {
        Pool pool = running(name);
        return pool == null ? null : pool.backend;
    }
}
