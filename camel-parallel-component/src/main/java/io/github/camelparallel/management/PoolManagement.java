package io.github.camelparallel.management;

import java.util.Set;

import javax.management.ObjectName;

import io.github.camelparallel.dispatch.BatchOutcome;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.ManagementAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that watches one pool, from its start to its stop: its statistics, its MBean (when Camel JMX is on:
 * {@code org.apache.camel:context=<ctx>,type=parallel,name="<pool>"}), its Micrometer meters (when Micrometer is on
 * the classpath and the registry holds a {@code MeterRegistry}; never required) and its health check (when Camel's
 * health checks are on: the producers repository, id {@code parallel-pool-<name>}). Created by the pool registry when a
 * pool starts, closed when it stops. Thread-safe: the fields are final, the parts are thread-safe.
 */
public final class PoolManagement {

    private static final Logger LOG = LoggerFactory.getLogger(PoolManagement.class);
    private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    private final String poolName;
    private final PoolStatistics statistics;
    private final ManagementAgent agent;
    private final ObjectName objectName;
    private final PoolMetrics metrics;
    private final WritableHealthCheckRepository healthChecks;
    private final PoolHealthCheck healthCheck;

    private PoolManagement(String poolName, PoolStatistics statistics, ManagementAgent agent, ObjectName objectName,
            PoolMetrics metrics, WritableHealthCheckRepository healthChecks, PoolHealthCheck healthCheck) {
        this.poolName = poolName;
        this.statistics = statistics;
        this.agent = agent;
        this.objectName = objectName;
        this.metrics = metrics;
        this.healthChecks = healthChecks;
        this.healthCheck = healthCheck;
    }

    /**
     * Starts watching a pool that has just started. Never fails the pool: a part that cannot start is logged.
     *
     * @param healthCheckEnabled whether the pool's health check counts (the component's healthCheckProducerEnabled)
     */
    public static PoolManagement start(CamelContext context, PoolSpec spec, ParallelBackend backend,
            boolean healthCheckEnabled) {
        PoolStatistics statistics = new PoolStatistics();
        PoolMetrics metrics = metrics(context, spec, backend);
        ManagementAgent agent = context.getManagementStrategy() != null
                ? context.getManagementStrategy().getManagementAgent() : null;
        ObjectName name = null;
        if (agent != null) {
            try {
                String contextName = context.getManagementName() != null ? context.getManagementName() : context.getName();
                name = new ObjectName(agent.getMBeanObjectDomainName() + ":context=" + ObjectName.quote(contextName)
                        + ",type=parallel,name=" + ObjectName.quote(spec.name()));
                agent.register(new ManagedParallelPool(spec, backend, statistics), name, true);
            } catch (Exception e) {
                LOG.warn("[{}] cannot register the pool's MBean: {}", spec.name(), e.toString());
                name = null;
            }
        }
        // health checks are optional (camel-health): register in the producers repository when there is one
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(context, "producers",
                WritableHealthCheckRepository.class);
        PoolHealthCheck check = null;
        if (repository != null) {
            check = new PoolHealthCheck(spec.name(), backend);
            check.setEnabled(healthCheckEnabled);
            repository.addHealthCheck(check);
        }
        return new PoolManagement(spec.name(), statistics, agent, name, metrics, repository, check);
    }

    private static PoolMetrics metrics(CamelContext context, PoolSpec spec, ParallelBackend backend) {
        Class<?> registryType;
        try {
            registryType = Class.forName(METER_REGISTRY, false, PoolManagement.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // Micrometer is not on the classpath
        }
        Set<?> registries = context.getRegistry().findByType(registryType);
        if (registries.isEmpty()) {
            return null;
        }
        Object named = context.getRegistry().lookupByName("metricsRegistry");
        Object registry = registryType.isInstance(named) ? named : registries.iterator().next();
        return new PoolMetrics(registry, spec.name(), backend);
    }

    public PoolStatistics statistics() {
        return statistics;
    }

    /** Adds a finished batch to the statistics and meters. */
    public void record(BatchOutcome outcome) {
        statistics.record(outcome);
        if (metrics != null) {
            metrics.record(outcome);
        }
    }

    /** Unregisters the MBean, the meters and the health check. */
    public void close() {
        if (healthChecks != null && healthCheck != null) {
            healthChecks.removeHealthCheck(healthCheck);
        }
        if (metrics != null) {
            metrics.close();
        }
        if (agent != null && objectName != null) {
            try {
                agent.unregister(objectName);
            } catch (Exception e) {
                LOG.debug("[{}] cannot unregister the pool's MBean: {}", poolName, e.toString());
            }
        }
    }
}
