package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.LineWriter;

/**
 * One live worker process and the two I/O threads that read its stdout (protocol frames, {@link WorkerOutput}) and
 * stderr (logged, {@link StderrTail}), with the worker's own lifecycle.
 * <p>
 * States, each transition a method of this class, called by the pool under its lock (the state, the job, the timer
 * and the counts are guarded by that lock; nothing else writes them):
 * <pre>
 *   STARTING --{@link #saidHello}----------------> READY
 *   READY    --{@link #runSent}------------------> BUSY --{@link #runAnswered}--> READY (or STOPPING when recycled)
 *   any      --{@link #killed} / {@link #exited}--> DEAD
 *   READY    --{@link #stopping}-----------------> STOPPING --exit--> DEAD
 * </pre>
 * A run's job is the worker's from {@link #runSent} until it is answered or taken back ({@link #takeJob}: the worker
 * was lost, or the run's batch ended). At most one timer is armed at a time (start-up, then a run's deadline); every
 * transition out of STARTING or BUSY cancels it.
 * <p>
 * Writing to stdin goes through a {@link LineWriter} (one frame per line, never interleaved). The process is killed by
 * {@link #kill} (destroy, then destroyForcibly after a grace period) with its descendants ({@link ProcessTree}) and
 * never outlives the pool.
 * <p>
 * Its exit is noticed from the process itself ({@link Process#onExit()}), not from the end of its stdout: a child
 * that inherited stdout may hold it open long after the worker died. The exit is reported after the reader handed over
 * the frames written before it (waiting at most {@value #STDOUT_GRACE_MILLIS} ms). A worker that closes its stdout and
 * keeps running is reported after {@value #EXIT_AFTER_STDOUT_MILLIS} ms ({@link Events#stdoutClosed}), to be killed.
 */
final class WorkerProcess {

    enum State { STARTING, READY, BUSY, STOPPING, DEAD }

    /** What the pool hears from a worker's I/O threads. Called on those threads, never under the pool's lock. */
    interface Events {
        void frame(WorkerProcess worker, Frame frame);

        void protocolError(WorkerProcess worker, String problem);

        /** The worker wrote a line over {@code maxMessageSize} (the reader cannot go on after it). */
        void lineTooLong(WorkerProcess worker, int limit);

        void exited(WorkerProcess worker, int exitCode);

        /** The worker closed its stdout but did not exit within a grace period: it can never answer again. */
        void stdoutClosed(WorkerProcess worker);
    }

    private static final long KILL_GRACE_MILLIS = 2000;
    /** How long an exit waits for the end of the worker's stderr (longer only if a grandchild holds it open). */
    private static final long STDERR_GRACE_MILLIS = 1000;
    /** How long an exit waits for the reader to hand over the worker's last frames (longer only if a grandchild holds stdout). */
    private static final long STDOUT_GRACE_MILLIS = 1000;
    /** How long a worker whose stdout ended may take to exit before it is killed. */
    static final long EXIT_AFTER_STDOUT_MILLIS = 2000;

    final int id;
    private final Process process;
    private final StderrTail stderr;
    private final FrameCodec codec;
    private final LineWriter stdin;
    private final ProcessTree tree;
    /** Counted down when the stdout reader is done (end of stream, or an error): its frames are all handed over. */
    private final CountDownLatch readerDone = new CountDownLatch(1);

    // guarded by the pool's lock
    private State state = State.STARTING;
    private Job job;
    private long runId;
    private long sentNanos;
    /** Items this worker answered; above 0 once it completed a run. */
    private long tasksDone;
    private ScheduledFuture<?> timer;
    private String killReason;
    /** Replace this worker once its run is answered (a restart was asked for). */
    private boolean recycle;

    private WorkerProcess(int id, Process process, StderrTail stderr, FrameCodec codec) {
        this.id = id;
        this.process = process;
        this.stderr = stderr;
        this.codec = codec;
        this.stdin = new LineWriter(process.getOutputStream(), codec);
        this.tree = new ProcessTree(process);
    }

    /**
     * Starts the process and its reader threads.
     *
     * @throws IOException when the command cannot be started at all (not found, not executable)
     */
    static WorkerProcess start(int id, String poolName, WorkerCommand command, FrameCodec codec, int maxMessageSize,
            ExecutorService io, Events events) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        builder.environment().putAll(command.env());
        Process process = builder.start();
        StderrTail tail = new StderrTail(poolName, id);
        WorkerProcess worker = new WorkerProcess(id, process, tail, codec);
        io.execute(() -> tail.pump(process.getErrorStream()));
        WorkerOutput output = new WorkerOutput(worker, process, codec, tail, worker.readerDone);
        io.execute(() -> output.read(maxMessageSize, events));
        // the exit is noticed from the process itself, not from the end of its stdout, which a grandchild may hold
        process.onExit().thenRun(() -> {
            try {
                io.execute(() -> worker.reportExit(events));
            } catch (RejectedExecutionException e) {
                worker.tree.destroyLeftovers(); // the pool has stopped; nobody waits for this exit
            }
        });
        return worker;
    }

    State state() {
        return state;
    }

    /** Arms the start-up or run deadline. */
    void armTimer(ScheduledFuture<?> deadline) {
        timer = deadline;
    }

    /** STARTING → READY; false (nothing changes) in any other state. */
    boolean saidHello() {
        if (state != State.STARTING) {
            return false;
        }
        cancelTimer();
        state = State.READY;
        return true;
    }

    /** READY → BUSY: the run {@code id} of {@code job} is being sent. */
    void runSent(Job sent, long id) {
        state = State.BUSY;
        job = sent;
        runId = id;
        sentNanos = System.nanoTime();
    }

    /** The job of the run this worker has been sent and not answered, or null. */
    Job job() {
        return job;
    }

    /** Why {@code result} cannot be the answer to this worker's run, or null when it is. */
    String mismatch(Frame.Result result) {
        return job == null ? "a result while no run was sent"
                : result.id() != runId ? "result id " + result.id() + " for run " + runId
                : result.results().size() != job.size() ? result.results().size() + " results for a run of "
                        + job.size() + " items" : null;
    }

    /**
     * BUSY → READY, or STOPPING when it is to be recycled (asked for, or {@code maxTasks} items answered, 0: no
     * limit). Returns the nanoseconds the run took.
     */
    long runAnswered(long maxTasks) {
        cancelTimer();
        tasksDone += job.size();
        job = null;
        state = recycle || maxTasks > 0 && tasksDone >= maxTasks ? State.STOPPING : State.READY;
        return System.nanoTime() - sentNanos;
    }

    /** Items this worker answered; above 0 once it completed a run. */
    long tasksDone() {
        return tasksDone;
    }

    /** Takes back the job of the run this worker was sent (it is lost); null when there is none. */
    Job takeJob() {
        Job taken = job;
        job = null;
        return taken;
    }

    /** Replace this worker once its run is answered. */
    void recycleAfterRun() {
        recycle = true;
    }

    /** → STOPPING: the worker is (or is about to be) sent {@code shutdown}. */
    void stopping() {
        cancelTimer();
        state = State.STOPPING;
    }

    /** → DEAD: the pool kills it for {@code reason}. */
    void killed(String reason) {
        cancelTimer();
        killReason = reason;
        state = State.DEAD;
    }

    /** Why the pool killed this worker, or null when it did not. */
    String killReason() {
        return killReason;
    }

    /** → DEAD: its exit was noticed; returns the state it was in. */
    State exited() {
        State was = state;
        cancelTimer();
        state = State.DEAD;
        return was;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** On an I/O thread once the process has exited: its last frames first, then its exit. */
    private void reportExit(Events events) {
        tree.destroyLeftovers(); // a child that holds stdout or stderr open would also delay the reader and the tail
        int exitCode = process.exitValue();
        try {
            readerDone.await(STDOUT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            stderr.awaitEnd(STDERR_GRACE_MILLIS); // the crash message needs the worker's last stderr lines
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.exited(this, exitCode);
    }

    /** Remembers the worker's child processes (at hello), so that they end with it ({@link ProcessTree}). */
    void rememberChildren() {
        tree.remember();
    }

    /**
     * Sends {@code shutdown}, after remembering the worker's children: a worker that exits on its own leaves them
     * behind, and they can no longer be found from it then ({@link ProcessTree}); they are killed once it has exited.
     */
    void sendShutdown() {
        tree.remember();
        send(new Frame.Shutdown());
    }

    /** Sends one frame; false if the worker's stdin is gone (its exit will be reported by the reader). */
    boolean send(Frame frame) {
        return sendLine(codec.encodeLine(frame));
    }

    /** Sends one line encoded beforehand; false if the worker's stdin is gone. */
    boolean sendLine(byte[] line) {
        try {
            stdin.writeLine(line);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks the process and its descendants to stop (destroy), and kills them for good after a grace period. */
    void kill(ExecutorService io) {
        tree.destroy();
        try {
            io.execute(() -> {
                try {
                    if (!tree.waitFor(KILL_GRACE_MILLIS)) {
                        tree.destroyForcibly();
                    } else {
                        tree.destroyLeftovers();
                    }
                } catch (InterruptedException e) {
                    tree.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RuntimeException e) {
            tree.destroyForcibly();
        }
    }

    /** Kills the process and its descendants at once (pool shutdown after its grace period). */
    void killNow() {
        tree.destroyForcibly();
    }

    /**
     * Waits for the process to exit (after shutdown); its remembered descendants are killed once it has, and the
     * descendants alive now are remembered first, since they can no longer be found from it after it exits.
     */
    boolean waitFor(long millis) throws InterruptedException {
        tree.remember();
        boolean exited = tree.waitFor(millis);
        if (exited) {
            tree.destroyLeftovers();
        }
        return exited;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> lastStderrLines() {
        return stderr.lastLines();
    }

    /** "exit code 3", or "killed by signal 9" for the shell convention 128+N. */
    static String describeExit(int code) {
        return code > 128 && code < 160 ? "killed by signal " + (code - 128) + " (exit code " + code + ")"
                : "exit code " + code;
    }

    @Override
    public String toString() {
        return "worker " + id + " (pid " + process.pid() + ")";
    }
}
