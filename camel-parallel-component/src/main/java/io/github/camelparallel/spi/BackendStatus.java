package io.github.camelparallel.spi;

/**
 * What a backend can tell about itself now, for management (JMX), health checks and metrics. Immutable snapshot.
 *
 * @param workers        threads, worker processes or cluster members able to run chunks now
 * @param busy           of those, how many run a chunk now (-1 when the backend cannot tell)
 * @param queued         chunks handed to the backend and not started yet (-1 when it cannot tell)
 * @param restarts       workers replaced since the pool started (process backend), else 0
 * @param problem        why the backend cannot serve well now (workers cannot start, keep crashing, no cluster
 *                       member, every thread stuck in a task that ignores interrupts), or null when it can
 * @param stuck          threads interrupted (taskTimeout, batch timeout, stop) a few seconds ago or more whose task
 *                       has not returned yet (thread backends), else 0
 * @param memoryRecycles workers replaced between runs for growing past {@code maxWorkerMemory} (process backend),
 *                       else 0
 */
public record BackendStatus(int workers, int busy, int queued, long restarts, String problem, int stuck,
        long memoryRecycles) {

    /** A status without workers replaced for their memory. */
    public BackendStatus(int workers, int busy, int queued, long restarts, String problem, int stuck) {
        this(workers, busy, queued, restarts, problem, stuck, 0);
    }

    /** A status without stuck threads (backends whose workers can be killed). */
    public BackendStatus(int workers, int busy, int queued, long restarts, String problem) {
        this(workers, busy, queued, restarts, problem, 0);
    }

    public boolean healthy() {
        return problem == null;
    }
}
