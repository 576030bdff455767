package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.spi.ChunkThreads;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.LineReader;
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
 * destroyForcibly after a grace period) and never outlives the pool.
 */
final class WorkerProcess {

    enum State { STARTING, READY, BUSY, STOPPING, DEAD }

    /** What the pool hears from a worker's I/O threads. Called on those threads, never under the pool's lock. */
    interface Events {
        void frame(WorkerProcess worker, Frame frame);

        void protocolError(WorkerProcess worker, String problem);

        void exited(WorkerProcess worker, int exitCode);
    }

    private static final long KILL_GRACE_MILLIS = 2000;
    /** How long an exit waits for the end of the worker's stderr (longer only if a grandchild holds it open). */
    private static final long STDERR_GRACE_MILLIS = 1000;

    final int id;
    private final Process process;
    private final StderrTail stderr;
    private final FrameCodec codec;
    private final LineWriter stdin;

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
        return worker;
    }

    private void readFrames(int maxMessageSize, Events events) {
        // a pool-owned thread: a batch completed from here hands the rest of its route to another thread, so this
        // reader goes straight back to reading (and a slow route step cannot delay this worker's answers)
        ChunkThreads.enter();
        try {
            readUntilExit(maxMessageSize, events);
        } finally {
            ChunkThreads.exit();
        }
    }

    private void readUntilExit(int maxMessageSize, Events events) {
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
                    return;
                }
                events.frame(this, frame);
            }
        } catch (ProtocolException e) {
            events.protocolError(this, e.getMessage());
            return;
        } catch (OutOfMemoryError e) {
            // a line this JVM has no room for (maxMessageSize above what the heap can spare): without this the reader
            // thread dies and the worker's run never gets an outcome; the line's buffer is garbage once we return
            events.protocolError(this, "a line this JVM has no memory for (" + e.getMessage()
                    + "); lower maxMessageSize or give the JVM more heap");
            return;
        } catch (IOException e) {
            // the stream broke: the process is going away; its exit code tells the rest
        }
        try {
            int exitCode = process.waitFor();
            // stdout may end before stderr is drained: the crash message needs the worker's last stderr lines
            stderr.awaitEnd(STDERR_GRACE_MILLIS);
            events.exited(this, exitCode);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.exited(this, -1);
        }
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

    /** Asks the process to stop (destroy), and kills it for good after a grace period. */
    void kill(ExecutorService io) {
        process.destroy();
        try {
            io.execute(() -> {
                try {
                    if (!process.waitFor(KILL_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RuntimeException e) {
            process.destroyForcibly();
        }
    }

    /** Kills at once (pool shutdown after its grace period). */
    void killNow() {
        process.destroyForcibly();
    }

    boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
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
