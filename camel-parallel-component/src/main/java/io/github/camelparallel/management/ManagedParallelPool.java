package io.github.camelparallel.management;

import io.github.camelparallel.spi.BackendStatus;
import io.github.camelparallel.spi.ObservableBackend;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;

/**
 * The JMX view of one named pool (one MBean per pool, registered through Camel's management agent when Camel JMX is
 * on): what it runs on, how busy it is, what it has done, and two operations. Read-only over the pool's backend and
 * statistics; thread-safe as they are.
 */
@ManagedResource(description = "A parallel: pool")
public final class ManagedParallelPool {

    private final PoolSpec spec;
    private final ParallelBackend backend;
    private final PoolStatistics statistics;

    public ManagedParallelPool(PoolSpec spec, ParallelBackend backend, PoolStatistics statistics) {
        this.spec = spec;
        this.backend = backend;
        this.statistics = statistics;
    }

    private BackendStatus status() {
        return backend instanceof ObservableBackend observable ? observable.status()
                : new BackendStatus(backend.capabilities().parallelism(), -1, -1, 0, null);
    }

    @ManagedAttribute(description = "The pool name (parallel:NAME)")
    public String getPoolName() {
        return spec.name();
    }

    @ManagedAttribute(description = "The backend: thread, virtual, process or hazelcast")
    public String getBackend() {
        return spec.backend();
    }

    @ManagedAttribute(description = "The resolved poolSize")
    public int getPoolSize() {
        return spec.poolSize();
    }

    @ManagedAttribute(description = "Threads, worker processes or cluster members able to run chunks now")
    public int getLiveWorkers() {
        return status().workers();
    }

    @ManagedAttribute(description = "Workers running a chunk now (-1: unknown)")
    public int getBusyWorkers() {
        return status().busy();
    }

    @ManagedAttribute(description = "Chunks handed to the pool and not started yet (-1: unknown)")
    public int getQueuedChunks() {
        return status().queued();
    }

    @ManagedAttribute(description = "Worker processes replaced after dying or being killed")
    public long getWorkerRestarts() {
        return status().restarts();
    }

    @ManagedAttribute(description = "Worker processes replaced between runs for growing past maxWorkerMemory")
    public long getWorkerMemoryRecycles() {
        return status().memoryRecycles();
    }

    @ManagedAttribute(description = "Whether the pool can serve well now")
    public boolean isHealthy() {
        return status().healthy();
    }

    @ManagedAttribute(description = "Why the pool cannot serve well now, or empty")
    public String getProblem() {
        String problem = status().problem();
        return problem == null ? "" : problem;
    }

    @ManagedAttribute(description = "Batches finished")
    public long getBatches() {
        return statistics.batches();
    }

    @ManagedAttribute(description = "Items that succeeded")
    public long getItemsCompleted() {
        return statistics.itemsCompleted();
    }

    @ManagedAttribute(description = "Items that failed after their retries")
    public long getItemsFailed() {
        return statistics.itemsFailed();
    }

    @ManagedAttribute(description = "Re-runs of failed attempts")
    public long getItemsRetried() {
        return statistics.itemsRetried();
    }

    @ManagedAttribute(description = "Items answered by the result cache (cache=true), not run")
    public long getCacheHits() {
        return statistics.cacheHits();
    }

    @ManagedAttribute(description = "Items the result cache did not know (cache=true), run")
    public long getCacheMisses() {
        return statistics.cacheMisses();
    }

    @ManagedAttribute(description = "Mean run time of an item in milliseconds")
    public double getAverageItemMillis() {
        return statistics.averageItemMillis();
    }

    @ManagedAttribute(description = "Wall time of the last batch in milliseconds")
    public long getLastBatchMillis() {
        return statistics.lastBatchMillis();
    }

    @ManagedOperation(description = "Sets the statistics back to zero")
    public void resetStatistics() {
        statistics.reset();
    }

    @ManagedOperation(description = "Replaces the workers of a process pool with fresh ones (idle ones at once, busy ones"
            + " after their run); returns how many")
    public int restartWorkers() {
        return backend instanceof ObservableBackend observable ? observable.restartWorkers() : 0;
    }
}
