package io.github.camelparallel.management;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelparallel.spi.BackendStatus;
import io.github.camelparallel.spi.ObservableBackend;
import io.github.camelparallel.spi.ParallelBackend;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The health of one pool, in Camel's producers health check repository (as camel-kafka registers its producers):
 * DOWN with the backend's reason when its workers cannot start, keep dying, its cluster has no member, or every
 * thread is stuck in a task that ignores interrupts; UP otherwise, with the pool's numbers as details (stuck: threads
 * that ignore an interrupt for a few seconds now), after the check's id and invocation count as Camel's own checks
 * report them (camel-spring-boot shows these details in the actuator health). Thread-safe: {@code enabled} is volatile,
 * the count atomic, the rest final.
 */
final class PoolHealthCheck implements HealthCheck {

    private final String poolName;
    private final ParallelBackend backend;
    private volatile boolean enabled = true;
    private final AtomicLong invocations = new AtomicLong();

    PoolHealthCheck(String poolName, ParallelBackend backend) {
        this.poolName = poolName;
        this.backend = backend;
    }

    @Override
    public String getId() {
        return "parallel-pool-" + poolName;
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false; // a pool that cannot serve makes the application not ready, not dead
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder result = HealthCheckResultBuilder.on(this);
        result.detail(CHECK_ID, getId()).detail(INVOCATION_COUNT, invocations.incrementAndGet()).detail("pool", poolName);
        if (!(backend instanceof ObservableBackend observable)) {
            return result.up().build();
        }
        BackendStatus status = observable.status();
        result.detail("workers", status.workers()).detail("busy", status.busy()).detail("restarts", status.restarts())
                .detail("memoryRecycles", status.memoryRecycles())
                .detail("stuck", status.stuck());
        return status.healthy() ? result.up().build() : result.down().message(status.problem()).build();
    }
}
