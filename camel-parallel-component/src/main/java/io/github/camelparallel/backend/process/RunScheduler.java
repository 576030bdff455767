package io.github.camelparallel.backend.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.camelparallel.spi.ChunkThreads;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.spi.Chunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process pool's queue of jobs and which worker runs which: jobs wait in order, the next live one goes to an idle
 * worker with a deadline of {@code taskTimeout} per item, a chunk whose batch ended early is dropped from the queue and
 * its running jobs' workers killed, and a job whose worker was lost is re-queued in front as one-item jobs or fails
 * its item ({@link IsolationPolicy}). Jobs of a broken or stopped pool fail with its cause instead of waiting.
 * <p>
 * Guarantees: every queued job is run, dropped with its batch, or failed, exactly once; run ids are unique within the
 * pool; frames are written and items reported outside the lock (on I/O threads marked as running a chunk, so a batch
 * completed there continues elsewhere). Guarded by the pool's lock.
 */
final class RunScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessPoolBackend.class);

    private final ProcessPoolBackend pool;
    private final FrameCodec codec = FrameCodec.SHARED;
    // guarded by the pool's lock
    private final ArrayDeque<Job> pending = new ArrayDeque<>();
    private long nextRunId;

    RunScheduler(ProcessPoolBackend pool) {
        this.pool = pool;
    }

    /** Queues a chunk's job (call under the pool's lock, then {@link #dispatch()} after it). */
    void addLocked(Job job) {
        pending.addLast(job);
    }

    int pendingCountLocked() {
        return pending.size();
    }

    /** Hands pending jobs to idle workers; starts workers that are missing; fails jobs of a broken pool. */
    void dispatch() {
        List<Runnable> afterUnlock = new ArrayList<>();
        pool.lock.lock();
        try {
            if (pool.stoppedLocked()) {
                return;
            }
            if (!pool.health.isBroken()) {
                pool.startMissingWorkersLocked(); // may break the pool: a program that cannot be started at all
            }
            if (pool.health.isBroken()) {
                failAllPendingLocked(pool.health.brokenCause(), afterUnlock);
            } else {
                for (WorkerProcess worker : pool.workersLocked()) {
                    if (worker.state() != WorkerProcess.State.READY) {
                        continue;
                    }
                    Job job = nextLiveJobLocked();
                    if (job == null) {
                        break;
                    }
                    assignLocked(worker, job, afterUnlock);
                }
            }
        } finally {
            pool.lock.unlock();
        }
        afterUnlock.forEach(Runnable::run);
    }

    private Job nextLiveJobLocked() {
        Job job;
        while ((job = pending.pollFirst()) != null && job.chunk().isCancelled()) {
            LOG.debug("[{}] dropping {}: its batch is over", pool.settings.poolName(), job.chunk());
        }
        return job;
    }

    private void assignLocked(WorkerProcess worker, Job job, List<Runnable> afterUnlock) {
        long runId = ++nextRunId;
        worker.runSent(job, runId);
        long timeout = job.chunk().itemTimeoutMillis();
        if (timeout > 0) {
            long runTimeout = timeout * job.size();
            worker.armTimer(pool.scheduler.schedule(() -> timedOut(worker, job, runTimeout),
                    runTimeout, TimeUnit.MILLISECONDS));
        }
        afterUnlock.add(() -> {
            if (!worker.sendLine(codec.encodeRunLine(runId, job.encodedItems()))) {
                LOG.debug("[{}] {} could not take run {}: its stdin is closed", pool.settings.poolName(), worker, runId);
            }
        });
    }

    private void timedOut(WorkerProcess worker, Job job, long runTimeoutMillis) {
        pool.lock.lock();
        try {
            if (worker.job() != job) {
                return;
            }
            worker.takeJob();
            pool.killLocked(worker, "taskTimeout");
            LOG.warn("[{}] {} ran {} items for more than {} ms: killed", pool.settings.poolName(), worker, job.size(),
                    runTimeoutMillis);
            requeueOrFailLocked(job, true, () -> new TimeoutException("Item " + job.chunk().indexOf(job.offsets()[0])
                    + " on parallel:" + pool.settings.poolName() + " exceeded taskTimeout of " + job.chunk().itemTimeoutMillis()
                    + " ms (attempt " + job.chunk().attempt() + "); its worker was killed and replaced"));
        } finally {
            pool.lock.unlock();
        }
        dispatch();
    }

    /**
     * The chunk's batch ended early (batch timeout, caller interrupted): a process cannot be interrupted, so the
     * workers running its jobs are killed and replaced, and its queued jobs dropped; every item of them is reported
     * failed (the batch has settled them already, so these reports only close the chunk).
     */
    void interrupted(Chunk chunk) {
        List<Job> lost = new ArrayList<>();
        pool.lock.lock();
        try {
            pending.removeIf(job -> job.chunk() == chunk && lost.add(job));
            for (WorkerProcess worker : new ArrayList<>(pool.workersLocked())) {
                Job job = worker.job();
                if (job != null && job.chunk() == chunk) {
                    worker.takeJob();
                    lost.add(job);
                    LOG.info("[{}] {} runs {} of a batch that ended early: killing it", pool.settings.poolName(), worker, chunk);
                    pool.killLocked(worker, "its batch ended early");
                }
            }
        } finally {
            pool.lock.unlock();
        }
        CancellationException error = new CancellationException(chunk + " on parallel:" + pool.settings.poolName()
                + " was interrupted: its batch ended early");
        lost.forEach(job -> job.fail(error));
        dispatch();
    }

    /** A job lost its worker: its items re-run alone or its item fails, as {@link IsolationPolicy} decides. */
    void requeueOrFailLocked(Job job, boolean hung, Supplier<Exception> itemError) {
        if (pool.stoppedLocked()) {
            RejectedExecutionException error = new RejectedExecutionException("parallel:" + pool.settings.poolName()
                    + " was stopped while " + job.chunk() + " ran");
            onIo(() -> job.fail(error));
            return;
        }
        if (IsolationPolicy.decide(job, hung) instanceof IsolationPolicy.Decision.RerunAlone rerun) {
            for (int i = rerun.jobs().size() - 1; i >= 0; i--) {
                pending.addFirst(rerun.jobs().get(i));
            }
        } else {
            Exception error = itemError.get();
            onIo(() -> job.run().report(job.offsets()[0], null, error));
        }
    }

    void failAllPendingLocked(RuntimeException cause, List<Runnable> afterUnlock) {
        Job job;
        while ((job = pending.pollFirst()) != null) {
            Job failed = job;
            afterUnlock.add(() -> failed.fail(cause));
        }
    }

    /** Runs a report on a pool-owned I/O thread, marked so a batch it completes continues elsewhere. */
    void onIo(Runnable report) {
        pool.io.execute(() -> {
            ChunkThreads.enter();
            try {
                report.run();
            } finally {
                ChunkThreads.exit();
            }
        });
    }
}
