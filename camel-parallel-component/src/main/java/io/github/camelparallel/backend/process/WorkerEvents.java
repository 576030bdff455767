package io.github.camelparallel.backend.process;


import io.github.camelparallel.backend.remote.RemoteResults;
import io.github.camelparallel.protocol.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a process pool's workers report, on their I/O threads ({@link WorkerProcess.Events}, kept out of the pool's
 * public API): hello, results, protocol breaks, oversized lines, exits, a stdout closed early, a start-up that timed
 * out. Each event moves the worker through its states ({@link WorkerProcess}) under the pool's lock, counts toward the
 * pool's health ({@link PoolHealth}), and hands a lost run to the {@link RunScheduler} (which re-runs its items alone
 * or fails its item, {@link IsolationPolicy}); items are reported and the next runs dispatched after the lock is
 * released.
 * <p>
 * Guarantees: the run of a worker that dies, breaks the protocol or answers with a line over {@code maxMessageSize}
 * is settled exactly once (a result that comes after its worker was killed is ignored); a worker command that cannot
 * start or keeps breaking the protocol before it completes a run breaks the pool instead of being restarted forever.
 * Stateless itself (the state is the pool's and the workers'); thread-safe through the pool's lock.
 */
final class WorkerEvents implements WorkerProcess.Events {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessPoolBackend.class);

    private final ProcessPoolBackend pool;
    private final RunScheduler runs;
    private final RemoteResults results;

    WorkerEvents(ProcessPoolBackend pool, RunScheduler runs, RemoteResults results) {
        this.pool = pool;
        this.runs = runs;
        this.results = results;
    }

    @Override
    public void frame(WorkerProcess worker, Frame frame) {
        if (frame instanceof Frame.Hello hello) {
            onHello(worker, hello);
        } else if (frame instanceof Frame.Result result) {
            onResult(worker, result);
        } else {
            protocolError(worker, "unexpected " + frame.getClass().getSimpleName().toLowerCase() + " frame from a worker");
        }
    }

    private void onHello(WorkerProcess worker, Frame.Hello hello) {
        worker.rememberChildren(); // outside the lock: it reads the process table
        String problem = null;
        pool.lock.lock();
        try {
            if (worker.state() == WorkerProcess.State.STOPPING) {
                // still starting when the pool stopped: it was sent shutdown, and exits once it reads it
                LOG.debug("[{}] {} said hello after the pool stopped", pool.settings.poolName(), worker);
                return;
            }
            if (worker.state() != WorkerProcess.State.STARTING) {
                problem = "a second hello";
            } else if (hello.protocol() != 1) {
                pool.health.broken(new IllegalStateException("worker command '" + pool.settings.command() + "' of parallel:"
                        + pool.settings.poolName() + " speaks protocol " + hello.protocol() + ", this pool speaks protocol 1"));
                pool.killLocked(worker, "protocol version " + hello.protocol());
            } else {
                worker.saidHello();
                pool.health.saidHello();
                LOG.debug("[{}] {} ready ({})", pool.settings.poolName(), worker, hello.runtime());
                if (pool.settings.classArchive() != null) {
                    pool.settings.classArchive().buildInBackground(pool.settings.command(), pool.io);
                }
            }
            pool.changed.signalAll();
        } finally {
            pool.lock.unlock();
        }
        if (problem != null) {
            protocolError(worker, problem);
        } else {
            runs.dispatch();
        }
    }

    private void onResult(WorkerProcess worker, Frame.Result result) {
        Job job;
        long elapsed = 0;
        String problem = null;
        boolean overMemory = pool.memory.exceeded(worker.pid()); // outside the lock: it reads the OS
        pool.lock.lock();
        try {
            job = worker.job();
            problem = worker.mismatch(result);
            if (problem == null) {
                if (overMemory) {
                    worker.recycleAfterRun();
                    pool.memory.recycled();
                }
                elapsed = worker.runAnswered(pool.settings.maxTasksPerWorker());
                pool.health.completedARun();
                if (worker.state() == WorkerProcess.State.STOPPING) { // recycled: a fresh worker takes its place
                    pool.workersLocked().remove(worker);
                    pool.io.execute(worker::sendShutdown);
                }
            }
        } finally {
            pool.lock.unlock();
        }
        if (problem != null) {
            protocolError(worker, problem);
            return;
        }
        job.run().addRunNanos(elapsed);
        runs.dispatch(); // the worker's next run first: reading these results then overlaps with its work
        results.report(job.chunk(), job.offsets(), result, job.run());
    }

    /** Kills the worker; its run, if any, fails this attempt. */
    @Override
    public void protocolError(WorkerProcess worker, String problem) {
        Job job;
        pool.lock.lock();
        try {
            if (worker.state() == WorkerProcess.State.DEAD) {
                // killed already (taskTimeout, its batch ended): a run it finished just as it was killed is no break
                LOG.debug("[{}] {} was killed already; ignored: {}", pool.settings.poolName(), worker, problem);
                return;
            }
            String streak = countBreakBeforeARunLocked(worker, problem);
            LOG.warn("[{}] {} broke the protocol, killing it{}: {}", pool.settings.poolName(), worker, streak, problem);
            job = worker.takeJob();
            pool.killLocked(worker, "protocol error");
        } finally {
            pool.lock.unlock();
        }
        if (job != null) {
            WorkerProtocolException error = new WorkerProtocolException("parallel:" + pool.settings.poolName() + " " + worker
                    + " broke the worker protocol: " + problem);
            job.fail(error);
        }
        runs.dispatch();
    }

    /**
     * A line over {@code maxMessageSize} while the worker runs a job is taken for an oversized result, not a broken
     * command: the worker is killed (its stream cannot be read further) and its job handled as a hang: a job of several
     * items re-runs each alone, an item alone fails with an error naming the limit. It never counts toward breaking the
     * pool. Any other line over the limit (before hello, while idle) is a protocol error.
     */
    @Override
    public void lineTooLong(WorkerProcess worker, int limit) {
        Job job;
        pool.lock.lock();
        try {
            if (worker.state() == WorkerProcess.State.DEAD) {
                return;
            }
            job = worker.state() == WorkerProcess.State.BUSY ? worker.takeJob() : null;
            if (job != null) {
                LOG.warn("[{}] {} answered a run of {} items with a line over maxMessageSize ({} bytes): killing it",
                        pool.settings.poolName(), worker, job.size(), limit);
                pool.killLocked(worker, "a result over maxMessageSize");
                runs.requeueOrFailLocked(job, true, () -> new WorkerProtocolException("Result of item "
                        + job.chunk().indexOf(job.offsets()[0]) + " on parallel:" + pool.settings.poolName() + ": its "
                        + worker + " broke the worker protocol with a line over " + limit + " bytes (maxMessageSize),"
                        + " taken for this item's result, and was replaced; raise maxMessageSize or return a smaller"
                        + " result"));
            }
        } finally {
            pool.lock.unlock();
        }
        if (job == null) {
            protocolError(worker, "line over " + limit + " bytes");
            return;
        }
        runs.dispatch();
    }

    /** A break before the worker's first completed run counts toward breaking the pool ({@link PoolHealth}). */
    private String countBreakBeforeARunLocked(WorkerProcess worker, String problem) {
        if (pool.stoppedLocked() || pool.health.isBroken() || worker.tasksDone() > 0) { // a dead worker's frames never get here
            return "";
        }
        String streak = pool.health.brokeTheProtocolBeforeARun(problem);
        if (pool.health.isBroken()) {
            pool.changed.signalAll();
        }
        return streak;
    }

    @Override
    public void exited(WorkerProcess worker, int exitCode) {
        Job job;
        String exit = WorkerProcess.describeExit(exitCode);
        pool.lock.lock();
        try {
            WorkerProcess.State was = worker.exited();
            pool.workersLocked().remove(worker);
            job = worker.takeJob();
            boolean killedFromOutside = exitCode > 128 && worker.killReason() == null;
            if (was == WorkerProcess.State.STARTING && !pool.stoppedLocked() && !killedFromOutside) {
                LOG.warn("[{}] {}", pool.settings.poolName(), pool.health.exitedBeforeHello(exit, worker.lastStderrLines()));
            } else if (was != WorkerProcess.State.STOPPING && !pool.stoppedLocked()) {
                if (was != WorkerProcess.State.DEAD) {
                    pool.health.countRestart(); // a worker we killed was counted when it was killed
                }
                LOG.warn("[{}] {} died ({}){}", pool.settings.poolName(), worker, exit,
                        worker.killReason() != null ? " after " + worker.killReason() : "; replacing it");
            }
            if (job != null) {
                String killed = worker.killReason() != null ? ", killed: " + worker.killReason() : "";
                runs.requeueOrFailLocked(job, false, () -> new WorkerCrashedException("Item " + job.chunk().indexOf(job.offsets()[0])
                        + " on parallel:" + pool.settings.poolName() + " crashed its worker (" + exit + killed + ", pid "
                        + worker.pid() + "); last stderr lines: " + worker.lastStderrLines()));
            }
            pool.changed.signalAll();
        } finally {
            pool.lock.unlock();
        }
        runs.dispatch();
    }

    /**
     * A worker that closed its stdout and kept running can never answer: it is killed, and counted as a crash (its
     * run, if any, is handled by {@link #exited} as a crashed worker's); before hello, as a worker that could not start.
     */
    @Override
    public void stdoutClosed(WorkerProcess worker) {
        pool.lock.lock();
        try {
            if (worker.state() == WorkerProcess.State.DEAD) {
                return;
            }
            LOG.warn("[{}] {} closed its stdout but is still running after {} ms: killing it", pool.settings.poolName(),
                    worker, WorkerProcess.EXIT_AFTER_STDOUT_MILLIS);
            if (worker.state() == WorkerProcess.State.STOPPING) {
                worker.kill(pool.io); // asked to stop already: no restart to count
                return;
            }
            if (worker.state() == WorkerProcess.State.STARTING && !pool.stoppedLocked()) {
                pool.health.closedStdoutBeforeHello(worker.lastStderrLines());
                pool.changed.signalAll();
            }
            pool.killLocked(worker, "it closed its stdout and kept running");
        } finally {
            pool.lock.unlock();
        }
    }

    void startupTimedOut(WorkerProcess worker) {
        pool.lock.lock();
        try {
            if (worker.state() != WorkerProcess.State.STARTING) {
                return;
            }
            pool.health.broken(new IllegalStateException("worker command '" + pool.settings.command() + "' of parallel:"
                    + pool.settings.poolName() + " was not ready within workerStartupTimeout of "
                    + pool.settings.startupTimeoutMillis() + " ms; its last stderr lines: " + worker.lastStderrLines()));
            pool.killLocked(worker, "workerStartupTimeout");
            pool.changed.signalAll();
        } finally {
            pool.lock.unlock();
        }
        runs.dispatch();
    }
}
