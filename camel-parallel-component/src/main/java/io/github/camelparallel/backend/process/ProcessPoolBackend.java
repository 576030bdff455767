package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.camelparallel.backend.remote.RemoteItems;
import io.github.camelparallel.backend.remote.RemoteResults;
import io.github.camelparallel.dispatch.ChunkThreads;
import io.github.camelparallel.dispatch.TimerThreads;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.spi.BackendCapabilities;
import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;
import io.github.camelparallel.spi.BackendStatus;
import io.github.camelparallel.spi.ObservableBackend;
import io.github.camelparallel.spi.ParallelBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backend=process}: {@code poolSize} long-lived worker processes (JVM or any language) speaking worker
 * protocol v1 (docs/worker-protocol.md), kept warm between batches.
 * <p>
 * <b>Guarantees.</b> Each item of a claimed chunk is reported exactly once. A worker that dies or breaks the protocol
 * is replaced. A worker that dies or hangs (past {@code taskTimeout} per item of its run) under a run of several
 * items is killed and its items are re-run alone on fresh workers at no cost to their attempts; an item that hangs a worker
 * while running alone, or kills two in a row, fails alone ({@link WorkerCrashedException} with the exit and the last stderr
 * lines, or a {@link TimeoutException}), and the batch and the pool go on. Stopping sends {@code shutdown}, waits,
 * then kills: no worker outlives the pool.
 * <p>
 * <b>States.</b> NEW → STARTED ({@link #start()}: workers started and, unless lazy, every one said hello) → STOPPED.
 * A pool whose workers cannot start (command missing, exit before hello, initializer failed) or keep breaking the
 * protocol before they complete a run (see {@link PoolHealth}) is broken: queued and later
 * jobs fail with that cause instead of waiting. Workers: see {@link WorkerProcess}.
 * <p>
 * <b>Thread-safety.</b> One lock guards {@code workers}, {@code pending}, the workers' pool-owned fields and the
 * flags; frames are written and items reported outside it. I/O threads come from {@code io}, owned by the caller.
 */
public final class ProcessPoolBackend implements ParallelBackend, ObservableBackend {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessPoolBackend.class);
    private static final long STOP_GRACE_MILLIS = 5000;

    private final ProcessPoolSettings settings;
    private final BackendCapabilities capabilities;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService io;
    private final Consumer<ExecutorService> releaseIo;
    private final FrameCodec codec = FrameCodec.SHARED;
    private final RemoteResults results;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final ArrayDeque<Job> pending = new ArrayDeque<>();
    private boolean started;
    private boolean stopped;
    private int nextWorkerId;
    private long nextRunId;
    private final PoolHealth health;
    /** What the workers' I/O threads report; not part of this class's API. */
    private final WorkerProcess.Events events = new WorkerProcess.Events() {
        @Override
        public void frame(WorkerProcess worker, Frame frame) {
            ProcessPoolBackend.this.frame(worker, frame);
        }

        @Override
        public void protocolError(WorkerProcess worker, String problem) {
            ProcessPoolBackend.this.protocolError(worker, problem);
        }

        @Override
        public void lineTooLong(WorkerProcess worker, int limit) {
            ProcessPoolBackend.this.lineTooLong(worker, limit);
        }

        @Override
        public void exited(WorkerProcess worker, int exitCode) {
            ProcessPoolBackend.this.exited(worker, exitCode);
        }

        @Override
        public void stdoutClosed(WorkerProcess worker) {
            ProcessPoolBackend.this.stdoutClosed(worker);
        }
    };

    public ProcessPoolBackend(ProcessPoolSettings settings, ScheduledExecutorService scheduler, ExecutorService io,
            Consumer<ExecutorService> releaseIo) {
        this.settings = settings;
        // a process round trip costs ~0.1-1 ms: 50..500 ms chunks hide it
        this.capabilities = new BackendCapabilities(settings.poolSize(), false, 50_000_000L, 500_000_000L);
        this.scheduler = scheduler;
        this.io = io;
        this.releaseIo = releaseIo;
        this.results = new RemoteResults(settings.resultType());
        this.health = new PoolHealth(settings);
    }

    @Override
    public BackendCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void start() throws Exception {
        int ready;
        lock.lock();
        try {
            started = true;
            if (settings.lazyStart()) {
                return;
            }
            startMissingWorkersLocked();
            boolean bounded = settings.startupTimeoutMillis() > 0; // 0: no bound; a worker that exits still ends it
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.startupTimeoutMillis() + 1000);
            while (!health.isBroken() && readyCountLocked() < settings.poolSize()) {
                long left = deadline - System.nanoTime();
                if (!bounded) {
                    changed.await();
                } else if (left <= 0) {
                    break;
                } else {
                    changed.awaitNanos(left);
                }
            }
            if (health.isBroken()) {
                throw health.brokenCause();
            }
            ready = readyCountLocked();
        } catch (RuntimeException | InterruptedException e) {
            lock.unlock();
            try {
                stop();
            } finally {
                lock.lock();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e;
        } finally {
            lock.unlock();
        }
        if (ready < settings.poolSize()) { // workers died after their hello and were replaced until the deadline
            LOG.warn("[{}] only {} of {} workers ready after {} ms ({} restarts so far); batches wait for the others: {}",
                    settings.poolName(), ready, settings.poolSize(), settings.startupTimeoutMillis() + 1000, restarts(),
                    settings.command());
        } else {
            LOG.info("[{}] {} workers ready: {}", settings.poolName(), settings.poolSize(), settings.command());
        }
    }

    @Override
    public void execute(Chunk chunk, ChunkListener listener) {
        if (!chunk.tryClaim()) {
            return;
        }
        chunk.releaseRunner(); // the claiming thread does not run it: an interrupt must never reach that thread
        chunk.onInterrupt(() -> {
            try {
                onIo(() -> interrupted(chunk));
            } catch (RejectedExecutionException e) {
                LOG.debug("[{}] {} interrupted while the pool stops: its workers are being stopped", settings.poolName(), chunk);
            }
        });
        ChunkRun run = new ChunkRun(chunk, listener);
        List<Runnable> badItems = new ArrayList<>();
        // encoded here, on the submitting thread, outside the lock: sending it later is a copy
        RemoteItems.Encoded encoded = RemoteItems.encode(chunk, (offset, e) -> badItems.add(() -> run.report(offset, null, e)));
        Job job = encoded == null ? null : Job.of(run, encoded);
        lock.lock();
        try {
            if (stopped || !started) {
                throw new RejectedExecutionException("parallel:" + settings.poolName() + " is not running");
            }
            if (job != null) {
                pending.addLast(job);
            }
        } finally {
            lock.unlock();
        }
        badItems.forEach(Runnable::run);
        dispatch();
    }

    /** Hands pending jobs to idle workers; starts workers that are missing; fails jobs of a broken pool. */
    private void dispatch() {
        List<Runnable> afterUnlock = new ArrayList<>();
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            if (health.isBroken()) {
                failAllPendingLocked(health.brokenCause(), afterUnlock);
            } else {
                startMissingWorkersLocked();
                for (WorkerProcess worker : workers) {
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
            lock.unlock();
        }
        afterUnlock.forEach(Runnable::run);
    }

    private Job nextLiveJobLocked() {
        Job job;
        while ((job = pending.pollFirst()) != null && job.chunk().isCancelled()) {
            LOG.debug("[{}] dropping {}: its batch is over", settings.poolName(), job.chunk());
        }
        return job;
    }

    private void assignLocked(WorkerProcess worker, Job job, List<Runnable> afterUnlock) {
        long runId = ++nextRunId;
        worker.runSent(job, runId);
        long timeout = job.chunk().itemTimeoutMillis();
        if (timeout > 0) {
            long runTimeout = timeout * job.size();
            worker.armTimer(scheduler.schedule(TimerThreads.wrap(() -> timedOut(worker, job, runTimeout)),
                    runTimeout, TimeUnit.MILLISECONDS));
        }
        afterUnlock.add(() -> {
            if (!worker.sendLine(codec.encodeRunLine(runId, job.encodedItems()))) {
                LOG.debug("[{}] {} could not take run {}: its stdin is closed", settings.poolName(), worker, runId);
            }
        });
    }

    private void frame(WorkerProcess worker, Frame frame) {
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
        lock.lock();
        try {
            if (worker.state() == WorkerProcess.State.STOPPING) {
                // still starting when the pool stopped: it was sent shutdown, and exits once it reads it
                LOG.debug("[{}] {} said hello after the pool stopped", settings.poolName(), worker);
                return;
            }
            if (worker.state() != WorkerProcess.State.STARTING) {
                problem = "a second hello";
            } else if (hello.protocol() != 1) {
                health.broken(new IllegalStateException("worker command '" + settings.command() + "' of parallel:"
                        + settings.poolName() + " speaks protocol " + hello.protocol() + ", this pool speaks protocol 1"));
                killLocked(worker, "protocol version " + hello.protocol());
            } else {
                worker.saidHello();
                health.saidHello();
                LOG.debug("[{}] {} ready ({})", settings.poolName(), worker, hello.runtime());
                if (settings.classArchive() != null) {
                    settings.classArchive().buildInBackground(settings.command(), io);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (problem != null) {
            protocolError(worker, problem);
        } else {
            dispatch();
        }
    }

    private void onResult(WorkerProcess worker, Frame.Result result) {
        Job job;
        long elapsed = 0;
        String problem = null;
        lock.lock();
        try {
            job = worker.job();
            problem = worker.mismatch(result);
            if (problem == null) {
                elapsed = worker.runAnswered(settings.maxTasksPerWorker());
                health.completedARun();
                if (worker.state() == WorkerProcess.State.STOPPING) { // recycled: a fresh worker takes its place
                    workers.remove(worker);
                    io.execute(worker::sendShutdown);
                }
            }
        } finally {
            lock.unlock();
        }
        if (problem != null) {
            protocolError(worker, problem);
            return;
        }
        job.run().addRunNanos(elapsed);
        dispatch(); // the worker's next run first: reading these results then overlaps with its work
        results.report(job.chunk(), job.offsets(), result, job.run());
    }

    /** Kills the worker; its run, if any, fails this attempt. */
    private void protocolError(WorkerProcess worker, String problem) {
        Job job;
        lock.lock();
        try {
            if (worker.state() == WorkerProcess.State.DEAD) {
                // killed already (taskTimeout, its batch ended): a run it finished just as it was killed is no break
                LOG.debug("[{}] {} was killed already; ignored: {}", settings.poolName(), worker, problem);
                return;
            }
            String streak = countBreakBeforeARunLocked(worker, problem);
            LOG.warn("[{}] {} broke the protocol, killing it{}: {}", settings.poolName(), worker, streak, problem);
            job = worker.takeJob();
            killLocked(worker, "protocol error");
        } finally {
            lock.unlock();
        }
        if (job != null) {
            WorkerProtocolException error = new WorkerProtocolException("parallel:" + settings.poolName() + " " + worker
                    + " broke the worker protocol: " + problem);
            job.fail(error);
        }
        dispatch();
    }

    /**
     * A line over {@code maxMessageSize} while the worker runs a job is taken for an oversized result, not a broken
     * command: the worker is killed (its stream cannot be read further) and its job handled as a hang: a job of several
     * items re-runs each alone, an item alone fails with an error naming the limit. It never counts toward breaking the
     * pool. Any other line over the limit (before hello, while idle) is a protocol error.
     */
    private void lineTooLong(WorkerProcess worker, int limit) {
        Job job;
        lock.lock();
        try {
            if (worker.state() == WorkerProcess.State.DEAD) {
                return;
            }
            job = worker.state() == WorkerProcess.State.BUSY ? worker.takeJob() : null;
            if (job != null) {
                LOG.warn("[{}] {} answered a run of {} items with a line over maxMessageSize ({} bytes): killing it",
                        settings.poolName(), worker, job.size(), limit);
                killLocked(worker, "a result over maxMessageSize");
                requeueOrFailLocked(job, true, () -> new WorkerProtocolException("Result of item "
                        + job.chunk().indexOf(job.offsets()[0]) + " on parallel:" + settings.poolName() + ": its "
                        + worker + " broke the worker protocol with a line over " + limit + " bytes (maxMessageSize),"
                        + " taken for this item's result, and was replaced; raise maxMessageSize or return a smaller"
                        + " result"));
            }
        } finally {
            lock.unlock();
        }
        if (job == null) {
            protocolError(worker, "line over " + limit + " bytes");
            return;
        }
        dispatch();
    }

    /** A break before the worker's first completed run counts toward breaking the pool ({@link PoolHealth}). */
    private String countBreakBeforeARunLocked(WorkerProcess worker, String problem) {
        if (stopped || health.isBroken() || worker.tasksDone() > 0) { // a dead worker's frames never get here
            return "";
        }
        String streak = health.brokeTheProtocolBeforeARun(problem);
        if (health.isBroken()) {
            changed.signalAll();
        }
        return streak;
    }

    private void exited(WorkerProcess worker, int exitCode) {
        Job job;
        String exit = WorkerProcess.describeExit(exitCode);
        lock.lock();
        try {
            WorkerProcess.State was = worker.exited();
            workers.remove(worker);
            job = worker.takeJob();
            boolean killedFromOutside = exitCode > 128 && worker.killReason() == null;
            if (was == WorkerProcess.State.STARTING && !stopped && !killedFromOutside) {
                LOG.warn("[{}] {}", settings.poolName(), health.exitedBeforeHello(exit, worker.lastStderrLines()));
            } else if (was != WorkerProcess.State.STOPPING && !stopped) {
                if (was != WorkerProcess.State.DEAD) {
                    health.countRestart(); // a worker we killed was counted when it was killed
                }
                LOG.warn("[{}] {} died ({}){}", settings.poolName(), worker, exit,
                        worker.killReason() != null ? " after " + worker.killReason() : "; replacing it");
            }
            if (job != null) {
                String killed = worker.killReason() != null ? ", killed: " + worker.killReason() : "";
                requeueOrFailLocked(job, false, () -> new WorkerCrashedException("Item " + job.chunk().indexOf(job.offsets()[0])
                        + " on parallel:" + settings.poolName() + " crashed its worker (" + exit + killed + ", pid "
                        + worker.pid() + "); last stderr lines: " + worker.lastStderrLines()));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    /**
     * A worker that closed its stdout and kept running can never answer: it is killed, and counted as a crash (its
     * run, if any, is handled by {@link #exited} as a crashed worker's); before hello, as a worker that could not start.
     */
    private void stdoutClosed(WorkerProcess worker) {
        lock.lock();
        try {
            if (worker.state() == WorkerProcess.State.DEAD) {
                return;
            }
            LOG.warn("[{}] {} closed its stdout but is still running after {} ms: killing it", settings.poolName(),
                    worker, WorkerProcess.EXIT_AFTER_STDOUT_MILLIS);
            if (worker.state() == WorkerProcess.State.STOPPING) {
                worker.kill(io); // asked to stop already: no restart to count
                return;
            }
            if (worker.state() == WorkerProcess.State.STARTING && !stopped) {
                health.closedStdoutBeforeHello(worker.lastStderrLines());
                changed.signalAll();
            }
            killLocked(worker, "it closed its stdout and kept running");
        } finally {
            lock.unlock();
        }
    }

    private void timedOut(WorkerProcess worker, Job job, long runTimeoutMillis) {
        lock.lock();
        try {
            if (worker.job() != job) {
                return;
            }
            worker.takeJob();
            killLocked(worker, "taskTimeout");
            LOG.warn("[{}] {} ran {} items for more than {} ms: killed", settings.poolName(), worker, job.size(),
                    runTimeoutMillis);
            requeueOrFailLocked(job, true, () -> new TimeoutException("Item " + job.chunk().indexOf(job.offsets()[0])
                    + " on parallel:" + settings.poolName() + " exceeded taskTimeout of " + job.chunk().itemTimeoutMillis()
                    + " ms (attempt " + job.chunk().attempt() + "); its worker was killed and replaced"));
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    /**
     * The chunk's batch ended early (batch timeout, caller interrupted): a process cannot be interrupted, so the
     * workers running its jobs are killed and replaced, and its queued jobs dropped; every item of them is reported
     * failed (the batch has settled them already, so these reports only close the chunk).
     */
    private void interrupted(Chunk chunk) {
        List<Job> lost = new ArrayList<>();
        lock.lock();
        try {
            pending.removeIf(job -> job.chunk() == chunk && lost.add(job));
            for (WorkerProcess worker : new ArrayList<>(workers)) {
                Job job = worker.job();
                if (job != null && job.chunk() == chunk) {
                    worker.takeJob();
                    lost.add(job);
                    LOG.info("[{}] {} runs {} of a batch that ended early: killing it", settings.poolName(), worker, chunk);
                    killLocked(worker, "its batch ended early");
                }
            }
        } finally {
            lock.unlock();
        }
        CancellationException error = new CancellationException(chunk + " on parallel:" + settings.poolName()
                + " was interrupted: its batch ended early");
        lost.forEach(job -> job.fail(error));
        dispatch();
    }

    /** A job lost its worker: its items re-run alone or its item fails, as {@link IsolationPolicy} decides. */
    private void requeueOrFailLocked(Job job, boolean hung, Supplier<Exception> itemError) {
        if (stopped) {
            RejectedExecutionException error = new RejectedExecutionException("parallel:" + settings.poolName()
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

    private void killLocked(WorkerProcess worker, String reason) {
        if (!stopped && worker.state() != WorkerProcess.State.DEAD) {
            health.countRestart();
        }
        worker.killed(reason);
        workers.remove(worker);
        worker.kill(io);
    }

    private void startMissingWorkersLocked() {
        while (!stopped && !health.isBroken() && workers.size() < settings.poolSize()) {
            int id = ++nextWorkerId;
            try {
                WorkerProcess worker = WorkerProcess.start(id, settings.poolName(), commandForNextWorker(), codec,
                        settings.maxMessageSize(), io, events);
                workers.add(worker);
                if (settings.startupTimeoutMillis() > 0) {
                    worker.armTimer(scheduler.schedule(TimerThreads.wrap(() -> startupTimedOut(worker)),
                            settings.startupTimeoutMillis(), TimeUnit.MILLISECONDS));
                }
            } catch (IOException e) {
                health.broken(new IllegalStateException("cannot start worker command '" + settings.command()
                        + "' of parallel:" + settings.poolName() + ": " + e.getMessage(), e));
                changed.signalAll();
            }
        }
    }

    /** The worker command, with the class data sharing archive once it is built. */
    private WorkerCommand commandForNextWorker() {
        WorkerClassArchive archive = settings.classArchive();
        return archive == null ? settings.command() : settings.command().withOptionsAfterProgram(archive.jvmOptions());
    }

    private void startupTimedOut(WorkerProcess worker) {
        lock.lock();
        try {
            if (worker.state() != WorkerProcess.State.STARTING) {
                return;
            }
            health.broken(new IllegalStateException("worker command '" + settings.command() + "' of parallel:"
                    + settings.poolName() + " was not ready within workerStartupTimeout of "
                    + settings.startupTimeoutMillis() + " ms; its last stderr lines: " + worker.lastStderrLines()));
            killLocked(worker, "workerStartupTimeout");
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    private void failAllPendingLocked(RuntimeException cause, List<Runnable> afterUnlock) {
        Job job;
        while ((job = pending.pollFirst()) != null) {
            Job failed = job;
            afterUnlock.add(() -> failed.fail(cause));
        }
    }

    /** Runs a report on a pool-owned I/O thread, marked so a batch it completes continues elsewhere. */
    private void onIo(Runnable report) {
        io.execute(() -> {
            ChunkThreads.enter();
            try {
                report.run();
            } finally {
                ChunkThreads.exit();
            }
        });
    }

    private int readyCountLocked() {
        return (int) workers.stream().filter(w -> w.state() == WorkerProcess.State.READY).count();
    }

    /** Workers alive now (for tests and statistics). */
    public int liveWorkers() {
        lock.lock();
        try {
            return (int) workers.stream().filter(WorkerProcess::isAlive).count();
        } finally {
            lock.unlock();
        }
    }

    /** Process ids of the live workers (for tests and operations). */
    public List<Long> workerPids() {
        lock.lock();
        try {
            return workers.stream().filter(WorkerProcess::isAlive).map(WorkerProcess::pid).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Down when the pool is broken or its workers keep dying ({@link PoolHealth#problem()}). */
    @Override
    public BackendStatus status() {
        lock.lock();
        try {
            String problem = health.problem();
            int live = (int) workers.stream().filter(WorkerProcess::isAlive).count();
            int busy = (int) workers.stream().filter(w -> w.state() == WorkerProcess.State.BUSY).count();
            return new BackendStatus(live, busy, pending.size(), health.restarts(), problem);
        } finally {
            lock.unlock();
        }
    }

    /** Idle workers are replaced at once, busy ones after their run (as {@code maxTasksPerWorker} recycles). */
    @Override
    public int restartWorkers() {
        List<WorkerProcess> idle = new ArrayList<>();
        int count = 0;
        lock.lock();
        try {
            if (stopped) {
                return 0;
            }
            for (WorkerProcess worker : new ArrayList<>(workers)) {
                if (worker.state() == WorkerProcess.State.READY) {
                    worker.stopping();
                    workers.remove(worker);
                    idle.add(worker);
                    count++;
                } else if (worker.state() == WorkerProcess.State.BUSY) {
                    worker.recycleAfterRun();
                    count++;
                }
            }
        } finally {
            lock.unlock();
        }
        LOG.info("[{}] restarting {} workers on request", settings.poolName(), count);
        idle.forEach(w -> io.execute(w::sendShutdown));
        dispatch(); // starts the replacements
        return count;
    }

    /** Workers replaced after dying or being killed. */
    public long restarts() {
        lock.lock();
        try {
            return health.restarts();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        List<WorkerProcess> toStop;
        List<Runnable> afterUnlock = new ArrayList<>();
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
            toStop = new ArrayList<>(workers);
            for (WorkerProcess worker : toStop) {
                worker.stopping();
            }
            failAllPendingLocked(new RejectedExecutionException("parallel:" + settings.poolName() + " was stopped"),
                    afterUnlock);
        } finally {
            lock.unlock();
        }
        afterUnlock.forEach(Runnable::run);
        toStop.forEach(WorkerProcess::sendShutdown);
        long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
        for (WorkerProcess worker : toStop) {
            try {
                if (!worker.waitFor(Math.max(1, deadline - System.currentTimeMillis()))) {
                    LOG.warn("[{}] {} did not stop within {} ms: killed", settings.poolName(), worker, STOP_GRACE_MILLIS);
                    worker.killNow();
                }
            } catch (InterruptedException e) {
                worker.killNow();
                Thread.currentThread().interrupt();
            }
        }
        toStop.forEach(WorkerProcess::killNow);
        if (settings.classArchive() != null) {
            try {
                settings.classArchive().finish(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                settings.classArchive().stop();
                Thread.currentThread().interrupt();
            }
        }
        releaseIo.accept(io);
        LOG.info("[{}] {} workers stopped", settings.poolName(), toStop.size());
    }
}
