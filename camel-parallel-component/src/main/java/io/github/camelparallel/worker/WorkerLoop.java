package io.github.camelparallel.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JavaType;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.ItemError;
import io.github.camelparallel.protocol.LineReader;
import io.github.camelparallel.protocol.LineWriter;
import io.github.camelparallel.protocol.ProtocolException;

/**
 * The worker side of the protocol after {@code hello}: reads {@code run} frames, applies the task to each item and
 * answers each run with one {@code result}, until {@code shutdown}, the end of the input, or an error. It is separate
 * from {@link WorkerMain} so that it can be tested in-process with in-memory streams; it never calls
 * {@link System#exit}, it returns an {@link Outcome} that {@code WorkerMain} maps to an exit code.
 * <p>
 * Guarantees:
 * <ul>
 * <li>Every {@code run} gets exactly one {@code result} with the same id and one entry per item, in item order, and
 * runs are answered in the order they arrived.</li>
 * <li>An item fails alone: when its JSON cannot be converted to the task's input type, when the task throws, or when
 * its result cannot be turned into JSON, its entry is JSON {@code null} and an {@link ItemError} (index in the run,
 * exception class name, message, stack trace cut to {@value #MAX_TRACE_CHARS} characters) reports it; the other items
 * of the run are unaffected. A result the parent could not read (its line over {@code maxMessageBytes}, the parent's
 * limit too) fails alone the same way ({@link ResultLine}). A {@link VirtualMachineError} other than {@link StackOverflowError} (out of memory, ...)
 * is not an item failure: the worker can no longer be trusted, the loop ends with {@link Outcome#FATAL_ERROR} and the
 * parent sees a crashed worker.</li>
 * <li>The end of the input is noticed at once, even while a task runs (a parent killed with -9 closes the pipe): the
 * input is read by its own thread, and {@link #run()} returns {@link Outcome#END_OF_INPUT} without waiting for the
 * task, which is left on a daemon thread for the process exit to end.</li>
 * <li>{@code shutdown} is answered after the runs received before it: they are finished and answered first. Any line
 * after {@code shutdown} is a protocol error.</li>
 * <li>A line that is not a valid frame, over the size limit, or a frame the parent must not send ({@code hello},
 * {@code result}) ends the loop with {@link Outcome#PROTOCOL_ERROR}, after a message on the diagnostics stream.</li>
 * <li>Items are converted with {@link FrameCodec}'s shared Jackson configuration: no polymorphic typing, the input
 * type comes from the task class ({@link #inputType}), never from the wire.</li>
 * </ul>
 * Threads: {@link #run()} starts two daemon threads, an input reader ({@code camel-parallel-worker-stdin}) and a
 * task runner ({@code camel-parallel-worker-task}, the only thread that calls the task and writes results); the
 * calling thread waits for the first outcome. States: NEW → RUNNING ({@link #run()}, once) → DONE (the first outcome
 * wins; later ones are ignored). The reader hands runs to the task runner through an unbounded queue: the parent sends
 * the next run after the previous result, so the queue holds at most what the parent chose to send ahead.
 */
public final class WorkerLoop {

    /** Stack traces in {@link ItemError#trace()} are cut to this many characters. */
    public static final int MAX_TRACE_CHARS = 4000;

    /** Why {@link #run()} returned. */
    public enum Outcome {
        /** The parent sent {@code shutdown} and every run before it was answered. */
        SHUTDOWN,
        /** The input ended (the parent closed the pipe or died). */
        END_OF_INPUT,
        /** The parent sent a line that is not a valid frame for a worker, or one over the size limit. */
        PROTOCOL_ERROR,
        /** Reading the input or writing a result failed. */
        IO_ERROR,
        /** A task raised a {@link VirtualMachineError} (other than a stack overflow); the process must end. */
        FATAL_ERROR
    }

    private static final FrameCodec CODEC = FrameCodec.SHARED;
    private static final Frame.Shutdown SHUTDOWN_MARKER = new Frame.Shutdown();

    private final Function<Object, Object> task;
    private final JavaType inputType;
    private final RunExecutor executor;
    /** Used by the reader thread only (handed over by Thread.start). */
    private final LineReader in;
    private final LineWriter out;
    private final ResultLine resultLine;
    private final PrintStream diagnostics;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Completed once, by whichever thread sees the end first; thread-safe by itself. */
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    /** Runs and the shutdown marker, from the reader thread to the task thread; thread-safe by itself. */
    private final BlockingQueue<Frame> queue = new LinkedBlockingQueue<>();

    /**
     * A loop whose input type is resolved from the task's class ({@link #inputType}).
     *
     * @param task            the task, called on one thread only
     * @param in              the parent's lines (the worker's stdin)
     * @param out             where result lines go (the worker's real stdout)
     * @param maxMessageBytes the longest line accepted from the parent, in bytes, and the longest result line sent
     * @param diagnostics     where protocol errors and fatal errors are described (the worker's stderr)
     */
    public WorkerLoop(Function<?, ?> task, InputStream in, OutputStream out, int maxMessageBytes,
            PrintStream diagnostics) {
        this(task, inputType(task.getClass()), in, out, maxMessageBytes, diagnostics);
    }

    /** A loop that converts items to the given type. */
    @SuppressWarnings("unchecked")
    public WorkerLoop(Function<?, ?> task, JavaType inputType, InputStream in, OutputStream out, int maxMessageBytes,
            PrintStream diagnostics) {
        this.task = (Function<Object, Object>) Objects.requireNonNull(task, "task");
        this.inputType = Objects.requireNonNull(inputType, "inputType");
        this.executor = new RunExecutor(this.task, this.inputType);
        this.in = new LineReader(in, maxMessageBytes);
        this.out = new LineWriter(Objects.requireNonNull(out, "out"), CODEC);
        this.resultLine = new ResultLine(maxMessageBytes); // the parent reads with the limit it started us with
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /**
     * The Java type items are converted to: the {@code T} of {@code Function<T, R>} as the task class binds it,
     * through superclasses and generic interfaces (resolved by Jackson's type factory). {@code Object} when the class
     * leaves it open (a raw {@code Function}, a lambda, an unbound type variable without bound): items then arrive as
     * plain Jackson types (Map, List, Integer, Long, Double, String, Boolean, null).
     */
    public static JavaType inputType(Class<?> taskClass) {
        JavaType type = CODEC.typeFactory().constructType(taskClass);
        JavaType[] parameters = type.findTypeParameters(Function.class);
        if (parameters != null && parameters.length == 2 && parameters[0] != null) {
            return parameters[0];
        }
        return CODEC.typeFactory().constructType(Object.class);
    }

    /** The type items are converted to. */
    public JavaType inputType() {
        return inputType;
    }

    /**
     * Serves the protocol until the first outcome. Callable once.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting (the loop's threads are left
     *                              to the process exit)
     */
    public Outcome run() throws InterruptedException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a WorkerLoop runs once");
        }
        Thread reader = new Thread(this::readInput, "camel-parallel-worker-stdin");
        Thread runner = new Thread(this::runTasks, "camel-parallel-worker-task");
        reader.setDaemon(true);
        runner.setDaemon(true);
        runner.setContextClassLoader(task.getClass().getClassLoader());
        runner.start();
        reader.start();
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("unexpected failure in the worker loop", e.getCause());
        } finally {
            runner.interrupt(); // stops an idle runner; a busy task is left to the process exit
        }
    }

    /** The reader thread: lines → frames → queue, until the end of the input, shutdown or an error. */
    private void readInput() {
        boolean shutdownSeen = false;
        try {
            while (!outcome.isDone()) {
                byte[] line = in.readLineBytes();
                if (line == null) {
                    finish(Outcome.END_OF_INPUT);
                    return;
                }
                Frame frame = CODEC.decode(line);
                if (shutdownSeen) {
                    throw new ProtocolException("a " + frame.type() + " frame after shutdown: " + cut(line));
                }
                if (frame instanceof Frame.Run) {
                    queue.add(frame);
                } else if (frame instanceof Frame.Shutdown) {
                    shutdownSeen = true;
                    queue.add(SHUTDOWN_MARKER);
                } else {
                    throw new ProtocolException("a worker does not accept " + frame.type() + " frames: " + cut(line));
                }
            }
        } catch (ProtocolException e) {
            diagnostics.println("camel-parallel worker: protocol error from the parent: " + e.getMessage());
            finish(Outcome.PROTOCOL_ERROR);
        } catch (IOException e) {
            diagnostics.println("camel-parallel worker: cannot read from the parent: " + e);
            finish(Outcome.IO_ERROR);
        } catch (RuntimeException | Error e) {
            diagnostics.println("camel-parallel worker: the input reader failed");
            e.printStackTrace(diagnostics);
            finish(Outcome.FATAL_ERROR);
        }
    }

    /** The task thread: runs in arrival order, one result each; shutdown after the runs before it. */
    private void runTasks() {
        try {
            while (!outcome.isDone()) {
                Frame frame = queue.take();
                if (frame == SHUTDOWN_MARKER) {
                    finish(Outcome.SHUTDOWN);
                    return;
                }
                Frame.Result result = execute((Frame.Run) frame);
                try {
                    out.writeLine(resultLine.encode(result));
                } catch (IOException e) {
                    diagnostics.println("camel-parallel worker: cannot write the result of run " + result.id()
                            + " to the parent: " + e);
                    finish(Outcome.IO_ERROR);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // run() is over; nothing more to do on this thread
        } catch (Throwable e) {
            diagnostics.println("camel-parallel worker: fatal error, the worker exits");
            e.printStackTrace(diagnostics);
            finish(Outcome.FATAL_ERROR);
        }
    }

    private static String cut(byte[] line) {
        return FrameCodec.cut(new String(line, StandardCharsets.UTF_8));
    }

    private void finish(Outcome result) {
        outcome.complete(result);
    }

    /** Applies the task to each item of the run ({@link RunExecutor}). */
    Frame.Result execute(Frame.Run run) {
        return executor.execute(run);
    }

    /** The stack trace as text, cut to {@link #MAX_TRACE_CHARS}. */
    static String trace(Throwable e) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            e.printStackTrace(writer);
        }
        String trace = text.toString();
        if (trace.length() <= MAX_TRACE_CHARS) {
            return trace;
        }
        String tail = "\n\t... (" + trace.length() + " chars, cut)";
        return trace.substring(0, MAX_TRACE_CHARS - tail.length()) + tail;
    }
}
