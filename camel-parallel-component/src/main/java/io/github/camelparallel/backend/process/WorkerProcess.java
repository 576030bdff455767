package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.spi.ChunkThreads;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.LineReader;
import io.github.camelparallel.protocol.LineTooLongException;
import io.github.camelparallel.protocol.LineWriter;
import io.github.camelparallel.protocol.ProtocolException;

/**
 * One live worker process and the two I/O threads that read its stdout (protocol frames) and stderr (logged).
 * A line of the JVM's own unified logging on stdout ({@link JvmLogLine}) is logged with the stderr lines, not taken
 * for a protocol break; any other line that is not a frame is one.
 * <p>
 * States, all transitions made by {@link ProcessPoolBackend} under its lock:
 * <pre>
 *   STARTING --hello--------------------> READY
 *   READY    --run sent-----------------> BUSY --result--> READY (or STOPPING when maxTasksPerWorker is reached)
 *   any      --exit / kill / timeout----> DEAD
 *   READY    --shutdown sent------------> STOPPING --exit--> DEAD
 * </pre>
 * The fields {@code state}, {@code job}, {@code runId}, {@code sentNanos}, {@code tasksDone}, {@code timer} belong to the pool and are guarded by the
 * pool's lock. Writing to stdin goes through a {@link LineWriter} (one frame per line, never interleaved). The process is killed by {@link #kill} (destroy, then
 * destroyForcibly after a grace period) with its descendants ({@link ProcessTree}) and never outlives the pool.
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
    State state = State.STARTING;
    Job job;
    long runId;
    long sentNanos;
    /** Items this worker answered; above 0 once it completed a run. */
    long tasksDone;
    ScheduledFuture<?> timer;
    String killReason;
    /** Replace this worker once its run is answered (a restart was asked for); guarded by the pool's lock. */
    boolean recycle;

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
        io.execute(() -> worker.readFrames(maxMessageSize, events));
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

    private void readFrames(int maxMessageSize, Events events) {
        // a pool-owned thread: a batch completed from here hands the rest of its route to another thread, so this
        // reader goes straight back to reading (and a slow route step cannot delay this worker's answers)
        ChunkThreads.enter();
        try {
            if (readUntilEnd(maxMessageSize, events)) {
                awaitExitAfterStdout(events);
            }
        } finally {
            readerDone.countDown();
            ChunkThreads.exit();
        }
    }

    /** Stdout ended: the worker should be exiting; one that does not within a grace period is reported, to be killed. */
    private void awaitExitAfterStdout(Events events) {
        readerDone.countDown(); // its frames are all handed over: the exit report need not wait for this grace
        try {
            if (!process.waitFor(EXIT_AFTER_STDOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                events.stdoutClosed(this);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads frames until the end of stdout (true) or a break already reported (false). */
    private boolean readUntilEnd(int maxMessageSize, Events events) {
        try {
            LineReader reader = new LineReader(process.getInputStream(), maxMessageSize);
            String line;
            while ((line = reader.readLine()) != null) {
                Frame frame;
                try {
                    frame = codec.decode(line);
                } catch (ProtocolException e) {
                    // the JVM's own log lines (JFR's start-up message) reach stdout whatever the -Xlog options say;
                    // they are never frames, so they are logged like stderr (checked only once a line is no frame)
                    String jvmLogLevel = JvmLogLine.level(line);
                    if (jvmLogLevel != null) {
                        stderr.jvmLogOnStdout(line, jvmLogLevel);
                        continue;
                    }
                    events.protocolError(this, e.getMessage());
                    return false;
                }
                events.frame(this, frame);
            }
        } catch (LineTooLongException e) {
            events.lineTooLong(this, e.limit());
            return false;
        } catch (ProtocolException e) {
            events.protocolError(this, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // never a silent reader death: the worker's run would wait forever (the limit is checked at start, so
            // this is a bug, but the pool must still give every item an outcome)
            events.protocolError(this, "the reader of this worker's output failed: " + e);
            return false;
        } catch (OutOfMemoryError e) {
            // a line this JVM has no room for (maxMessageSize above what the heap can spare): without this the reader
            // thread dies and the worker's run never gets an outcome; the line's buffer is garbage once we return
            events.protocolError(this, "a line this JVM has no memory for (" + e.getMessage()
                    + "); lower maxMessageSize or give the JVM more heap");
            return false;
        } catch (IOException e) {
            // the stream broke: the process is going away; its exit is reported by reportExit
        }
        return true;
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
