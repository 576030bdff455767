package io.github.camelparallel;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;

import io.github.camelparallel.management.PoolManagement;
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
 * Thread-safe: every method is synchronized on this registry.
 */
final class ParallelPools {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelPools.class);

    private static final class Pool {
        final PoolSpec spec;
        final Map<String, Object> values;
        final ParallelBackend backend;
        final PoolManagement management;
        int references;

        Pool(PoolSpec spec, Map<String, Object> values, ParallelBackend backend, PoolManagement management) {
            this.spec = spec;
            this.values = values;
            this.backend = backend;
            this.management = management;
        }
    }

    private final Map<String, ParallelBackendFactory> factories;
    private final BiFunction<PoolSpec, ParallelBackend, PoolManagement> watch;
    private final Map<String, Pool> pools = new HashMap<>();

    /** @param watch starts the statistics, MBean, meters and health check of a pool that has just started */
    ParallelPools(Map<String, ParallelBackendFactory> factories, BiFunction<PoolSpec, ParallelBackend, PoolManagement> watch) {
        this.factories = new LinkedHashMap<>(factories);
        this.watch = watch;
    }

    /** Joins (or creates and starts) the pool of the endpoint's name. */
    synchronized ParallelBackend acquire(ParallelEndpoint endpoint, ScheduledExecutorService scheduler) throws Exception {
        String name = endpoint.getName();
        Map<String, Object> settings = endpoint.getConfiguration().backendSettings();
        Map<String, Object> values = poolValues(endpoint, settings);
        Pool pool = pools.get(name);
        if (pool != null) {
            for (String option : endpoint.getExplicitPoolOptions()) {
                if (!Objects.equals(pool.values.get(option), values.get(option))) {
                    throw new IllegalArgumentException("parallel:" + name + " is already in use with " + option + "="
                            + pool.values.get(option) + ", but endpoint " + endpoint.getEndpointUri() + " asks for "
                            + option + "=" + values.get(option) + ". Endpoints with one name share one pool: give them"
                            + " the same pool options, or different names.");
                }
            }
            pool.references++;
            return pool.backend;
        }
        String backendName = (String) values.get("backend");
        ParallelBackendFactory factory = factories.get(backendName);
        if (factory == null) {
            throw new IllegalArgumentException("Option backend of parallel:" + name + " must be one of "
                    + String.join(", ", factories.keySet()) + " but was '" + backendName + "'");
        }
        PoolSpec spec = new PoolSpec(name, backendName, (Integer) values.get("poolSize"), scheduler, settings);
        ParallelBackend backend = factory.create(spec);
        backend.start();
        pool = new Pool(spec, values, backend, watch.apply(spec, backend));
        pool.references = 1;
        pools.put(name, pool);
        LOG.info("[{}] pool started: backend={}, poolSize={}", name, backendName, spec.poolSize());
        return backend;
    }

    /** Leaves the pool; the last one out stops it. */
    synchronized void release(String name) {
        Pool pool = pools.get(name);
        if (pool == null) {
            return;
        }
        if (--pool.references == 0) {
            pools.remove(name);
            pool.management.close();
            pool.backend.stop();
            LOG.info("[{}] pool stopped", name);
        }
    }

    /** The spec of a running pool, or null. */
    synchronized PoolSpec spec(String name) {
        Pool pool = pools.get(name);
        return pool == null ? null : pool.spec;
    }

    /** What watches a running pool, or null. */
    synchronized PoolManagement management(String name) {
        Pool pool = pools.get(name);
        return pool == null ? null : pool.management;
    }

    /** The backend of a running pool, or null. */
    synchronized ParallelBackend backend(String name) {
        Pool pool = pools.get(name);
        return pool == null ? null : pool.backend;
    }

    /** The backend settings plus the backend and the resolved poolSize: what endpoints of one name must agree on. */
    private static Map<String, Object> poolValues(ParallelEndpoint endpoint, Map<String, Object> settings) {
        ParallelConfiguration config = endpoint.getConfiguration();
        Map<String, Object> values = new HashMap<>(settings);
        values.put("backend", config.getBackend());
        int poolSize = ParallelConfiguration.resolvePoolSize(config.getPoolSize(),
                Runtime.getRuntime().availableProcessors(), endpoint.getName());
        values.put("poolSize", ParallelConfiguration.checkPoolSizeBound(config.getBackend(), poolSize, endpoint.getName()));
        return values;
    }
}
