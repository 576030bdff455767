package io.github.camelparallel.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.FrameValues;
import io.github.camelparallel.protocol.ItemError;

/**
 * Runs one {@code run} frame through a task and makes its {@code result} frame: the part of a worker that knows
 * nothing of pipes, shared by the JVM worker process ({@link WorkerLoop}) and the Hazelcast backend's task on a
 * cluster member. An item fails alone (its JSON does not convert to the task's input type, the task throws, its result
 * is not JSON-able, including a value that contains itself, whose conversion overflows the stack): its entry is JSON
 * {@code null} and an {@link ItemError} names it. In a worker process a
 * {@link VirtualMachineError} other than {@link StackOverflowError} is rethrown: that JVM can no longer be trusted and
 * exits, and the pool re-runs the other items on a fresh worker. On a cluster member ({@link #forClusterMember}) it is
 * the item's failure, as on a pool thread of the thread backend: the member stays, and the chunk's other items keep
 * their own outcomes. Items are converted with
 * {@link FrameCodec}'s shared configuration, no polymorphic typing. Thread-safe when the task is.
 */
public final class RunExecutor {

    private static final FrameCodec CODEC = FrameCodec.SHARED;

    private final Function<Object, Object> task;
    private final JavaType inputType;
    private final JavaType resultType; // what the parent converts results to: a result must arrive equal to it
    private final boolean rethrowFatal;

    /** A worker process's executor: fatal VM errors are rethrown. */
    public RunExecutor(Function<?, ?> task, JavaType inputType) {
        this(task, inputType, true);
    }

    @SuppressWarnings("unchecked")
    private RunExecutor(Function<?, ?> task, JavaType inputType, boolean rethrowFatal) {
        this.task = (Function<Object, Object>) Objects.requireNonNull(task, "task");
        this.inputType = Objects.requireNonNull(inputType, "inputType");
        JavaType[] declared = CODEC.typeFactory().findTypeParameters(task.getClass(), Function.class);
        this.resultType = declared.length == 2 && declared[1] != null ? declared[1]
                : CODEC.typeFactory().constructType(Object.class); // as FunctionTaskClass.resultType on the parent side
        this.rethrowFatal = rethrowFatal;
    }

    /** An executor for a task class's own input type ({@link WorkerLoop#inputType}). */
    public static RunExecutor of(Function<?, ?> task) {
        return new RunExecutor(task, WorkerLoop.inputType(task.getClass()));
    }

    /**
     * A cluster member's executor for a task class's own input type: a fatal VM error (an {@link OutOfMemoryError})
     * fails its item alone instead of the whole chunk, whose other items did not cause it.
     */
    public static RunExecutor forClusterMember(Function<?, ?> task) {
        return new RunExecutor(task, WorkerLoop.inputType(task.getClass()), false);
    }

    /** Applies the task to each item of the run; item failures are recorded, fatal VM errors rethrown if so made. */
    public Frame.Result execute(Frame.Run run) {
        List<JsonNode> items = run.items();
        List<JsonNode> results = new ArrayList<>(items.size());
        List<ItemError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            Object input;
            try {
                input = CODEC.fromTree(item, inputType);
            } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
                results.add(NullNode.getInstance());
                errors.add(error(i, e, "cannot convert the item to " + inputType.toCanonical() + ": "
                        + (e instanceof StackOverflowError ? "it nests too deeply" : jacksonMessage((Exception) e))));
                continue;
            }
            Object output;
            try {
                output = task.apply(input);
            } catch (Throwable e) {
                if (rethrowFatal) {
                    rethrowIfFatal(e);
                }
                results.add(NullNode.getInstance());
                errors.add(error(i, e, e.getMessage()));
                continue;
            }
            try {
                results.add(FrameValues.tree(output, resultType));
            } catch (IllegalArgumentException e) {
                // Jackson cannot write it, it contains itself or nests deeper than a frame carries, or it would read
                // back as a different value (ExactValues): this item's failure alone, never the worker's
                results.add(NullNode.getInstance());
                errors.add(error(i, e, "cannot convert the result (" + FrameValues.typeOf(output) + ") to JSON: "
                        + jacksonMessage(e)));
            }
        }
        return new Frame.Result(run.id(), results, errors);
    }

    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e;
        }
    }

    private static ItemError error(int index, Throwable e, String message) {
        return new ItemError(index, e.getClass().getName(), message, WorkerLoop.trace(e));
    }

    private static String jacksonMessage(Exception e) {
        Throwable cause = e;
        if (e instanceof IllegalArgumentException && e.getCause() instanceof JsonProcessingException) {
            cause = e.getCause();
        }
        if (cause instanceof JsonProcessingException jackson) {
            return jackson.getOriginalMessage();
        }
        return String.valueOf(cause.getMessage());
    }

}
