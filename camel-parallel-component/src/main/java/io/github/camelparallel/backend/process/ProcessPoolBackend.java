package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.github.camelparallel.backend.remote.RemoteItems;
import io.github.camelparallel.backend.remote.RemoteResults;
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
 * protocol v1 (docs/worker-protocol.md), kept warm between batches. This class is the SPI coordinator: it starts and
 * stops the pool, takes chunks, and reports health; the parts are {@link WorkerProcess} (one worker and its own
 * states), {@link WorkerEvents} (what the workers report), {@link RunScheduler} (the queue of jobs and which worker
 * runs which), {@link IsolationPolicy} (what a lost run becomes) and {@link PoolHealth} (restarts, crash loops, the
 * broken cause).
 * <p>
 * <b>Guarantees.</b> Each item of a claimed chunk is reported exactly once. A worker that dies or breaks the protocol
 * is replaced. A worker that dies or hangs (past {@code taskTimeout} per item of its run) under a run of several
 * items is killed and its items are re-run alone on fresh workers at no cost to their attempts; an item that hangs a
 * worker while running alone, or kills two in a row, fails alone ({@link WorkerCrashedException} with the exit and the
 * last stderr lines, or a {@link TimeoutException}), and the batch and the pool go on. Stopping sends
 * {@code shutdown}, waits, then kills: no worker outlives the pool.
 * <p>
 * <b>States.</b> NEW → STARTED ({@link #start()}: every worker started together and, unless lazy, the first one said
 * hello; the others join as they say theirs, so the first batch waits for the fastest worker, not the slowest) →
 * STOPPED.
 * A pool whose workers cannot start (command missing, exit before hello, initializer failed) or keep breaking the
 * protocol before they complete a run is broken ({@link PoolHealth}): queued and later jobs fail with that cause
 * instead of waiting.
 * <p>
 * <b>Thread-safety.</b> One lock ({@code lock}, shared with the parts) guards the workers, the queue, the workers'
 * states and the flags; frames are written and items reported outside it. I/O threads come from {@code io}, owned by
 * the caller.
 */
public final class ProcessPoolBackend implements ParallelBackend, ObservableBackend {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessPoolBackend.class);
    private static final long STOP_GRACE_MILLIS = 5000;

    final ProcessPoolSettings settings;
    final ScheduledExecutorService scheduler;
    final ExecutorService io;
    /** Guards the workers, the queue of jobs, the workers' states and the flags; signalled when they change. */
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final PoolHealth health;
    final WorkerMemory memory;
    private final BackendCapabilities capabilities;
    private final Consumer<ExecutorService> releaseIo;
    private final FrameCodec codec = FrameCodec.SHARED;
    private final RunScheduler runs;
    private final WorkerEvents events;

    // guarded by lock
    private final List<WorkerProcess> workers = new ArrayList<>();
    private boolean started;
    private boolean stopped;
    private int nextWorkerId;
    public ProcessPoolBackend(ProcessPoolSettings settings, ScheduledExecutorService scheduler, ExecutorService io,
            Consumer<ExecutorService> releaseIo) {
        this.settings = settings;
        // a process round trip costs ~0.1-1 ms: 50..500 ms chunks hide it
        this.capabilities = new BackendCapabilities(settings.poolSize(), false, 50_000_000L, 500_000_000L);
        this.scheduler = scheduler;
        this.io = io;
        this.releaseIo = releaseIo;
        this.health = new PoolHealth(settings);
        this.memory = new WorkerMemory(settings.poolName(), settings.maxWorkerMemory());
        this.runs = new RunScheduler(this);
        this.events = new WorkerEvents(this, runs, settings.resultType() == PythonValue.class
                ? new RemoteResults(PythonValue.class, PythonValue::read) : new RemoteResults(settings.resultType()));
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
            // the first worker that says hello takes the first batch; the others keep starting meanwhile
            while (!health.isBroken() && readyCountLocked() == 0) {
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
        if (ready == 0) { // workers died after their hello and were replaced until the deadline
            LOG.warn("[{}] no worker of {} ready after {} ms ({} restarts so far); batches wait for them: {}",
                    settings.poolName(), settings.poolSize(), settings.startupTimeoutMillis() + 1000, restarts(),
                    settings.command());
        } else {
            LOG.info("[{}] {} of {} workers ready, the others joining as they start: {}", settings.poolName(), ready,
                    settings.poolSize(), settings.command());
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
                runs.onIo(() -> runs.interrupted(chunk));
            } catch (RejectedExecutionException e) {
                LOG.debug("[{}] {} interrupted while the pool stops: its workers are being stopped", settings.poolName(), chunk);
            }
        });
        ChunkRun run = new ChunkRun(chunk, listener);
        List<Runnable> badItems = new ArrayList<>();
        // encoded here, on the submitting thread, outside the lock: sending it later is a copy
        RemoteItems.Encoded encoded = RemoteItems.encode(chunk, (offset, e) -> badItems.add(() -> run.report(offset, null, e)),
                PythonValue.wireForm(settings.resultType())); // python workers take bytes in their own form
        Job job = encoded == null ? null : Job.of(run, encoded);
        lock.lock();
        try {
            if (stopped || !started) {
                throw new RejectedExecutionException("parallel:" + settings.poolName() + " is not running");
            }
            if (job != null) {
                runs.addLocked(job);
            }
        } finally {
            lock.unlock();
        }
        badItems.forEach(Runnable::run);
        runs.dispatch();
    }

    /** Kills the worker (its run, if any, is the caller's to settle); a restart is counted unless stopping. */
    void killLocked(WorkerProcess worker, String reason) {
        if (!stopped && worker.state() != WorkerProcess.State.DEAD) {
            health.countRestart();
        }
        worker.killed(reason);
        workers.remove(worker);
        worker.kill(io);
    }

    /** Starts workers until the pool has {@code poolSize}, unless it is stopped or broken. */
    void startMissingWorkersLocked() {
        while (!stopped && !health.isBroken() && workers.size() < settings.poolSize()) {
            int id = ++nextWorkerId;
            try {
                WorkerProcess worker = WorkerProcess.start(id, settings.poolName(), commandForNextWorker(), codec,
                        settings.maxMessageSize(), io, events);
                workers.add(worker);
                if (settings.startupTimeoutMillis() > 0) {
                    worker.armTimer(scheduler.schedule(() -> events.startupTimedOut(worker),
                            settings.startupTimeoutMillis(), TimeUnit.MILLISECONDS));
                }
            } catch (IOException e) {
                health.broken(new IllegalStateException("cannot start worker command '" + settings.command()
                        + "' of parallel:" + settings.poolName() + ": " + e.getMessage() + "; check the option "
                        + programOption(), e));
                changed.signalAll();
            }
        }
    }

    /** The option that names the program of this pool's workers, for an error that cannot start it. */
    private String programOption() {
        if (settings.resultType() == PythonValue.class) {
            return "pythonExecutable";
        }
        return settings.command().classpath() != null ? "javaHome" : "command";
    }

    /** The worker command, with the class data sharing archive once it is built. */
    private WorkerCommand commandForNextWorker() {
        WorkerClassArchive archive = settings.classArchive();
        return archive == null ? settings.command() : settings.command().withOptionsAfterProgram(archive.jvmOptions());
    }

    boolean stoppedLocked() {
        return stopped;
    }

    List<WorkerProcess> workersLocked() {
        return workers;
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

    /** Workers that said hello and are idle or running a batch's run (for tests and statistics). */
    public int readyWorkers() {
        lock.lock();
        try {
            return (int) workers.stream().filter(w -> w.state() == WorkerProcess.State.READY
                    || w.state() == WorkerProcess.State.BUSY).count();
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
            return new BackendStatus(live, busy, runs.pendingCountLocked(), health.restarts(), problem, 0,
                    memory.recycles());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Idle and still-starting workers are replaced at once, busy ones after their run (as {@code maxTasksPerWorker}
     * recycles).
     */
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
                } else if (worker.state() == WorkerProcess.State.STARTING) { // may never read a shutdown: killed
                    worker.stopping();
                    workers.remove(worker);
                    worker.kill(io);
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
        runs.dispatch(); // starts the replacements
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
            runs.failAllPendingLocked(new RejectedExecutionException("parallel:" + settings.poolName() + " was stopped"),
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
