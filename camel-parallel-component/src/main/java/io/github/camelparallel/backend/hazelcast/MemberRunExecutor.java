package io.github.camelparallel.backend.hazelcast;

import java.io.PrintWriter;
import java.io.StringWriter;
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
import io.github.camelparallel.protocol.ItemError;
import io.github.camelparallel.worker.WorkerLoop;

/**
 * Runs one {@code run} frame through a task on a cluster member and makes its {@code result} frame, with every item's
 * outcome its own: the item does not convert to the task's input type, the task throws anything at all (an
 * {@link OutOfMemoryError} included: the member stays, as a pool thread of the thread backend does), or its result
 * cannot travel as JSON (a value that contains itself, a type Jackson cannot write, nesting deeper than a frame
 * carries: {@link FrameValues}). Such an item's entry is JSON {@code null} and an {@link ItemError} names it; its
 * neighbours keep their results, so the frame itself always encodes. It mirrors the worker's {@code RunExecutor}
 * (same conversions, same messages) but checks each result alone, because one unwritable result must not cost the
 * chunk. Thread-safe when the task is.
 */
final class MemberRunExecutor {

    private static final FrameCodec CODEC = FrameCodec.SHARED;

    private final Function<Object, Object> task;
    private final JavaType inputType;

    @SuppressWarnings("unchecked")
    MemberRunExecutor(Function<?, ?> task) {
        this.task = (Function<Object, Object>) Objects.requireNonNull(task, "task");
        this.inputType = WorkerLoop.inputType(task.getClass());
    }

    Frame.Result execute(Frame.Run run) {
        List<JsonNode> items = run.items();
        List<JsonNode> results = new ArrayList<>(items.size());
        List<ItemError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object input;
            try {
                input = CODEC.fromTree(items.get(i), inputType);
            } catch (JsonProcessingException | IllegalArgumentException | StackOverflowError e) {
                results.add(NullNode.getInstance());
                errors.add(error(i, e, "cannot convert the item to " + inputType.toCanonical() + ": "
                        + jacksonMessage(e)));
                continue;
            }
            Object output;
            try {
                output = task.apply(input);
            } catch (Throwable e) {
                results.add(NullNode.getInstance());
                errors.add(error(i, e, e.getMessage()));
                continue;
            }
            try {
                results.add(FrameValues.tree(output));
            } catch (IllegalArgumentException e) {
                results.add(NullNode.getInstance());
                errors.add(error(i, e, "cannot convert the result (" + FrameValues.typeOf(output) + ") to JSON: "
                        + jacksonMessage(e)));
            }
        }
        return new Frame.Result(run.id(), results, errors);
    }

    private static ItemError error(int index, Throwable e, String message) {
        return new ItemError(index, e.getClass().getName(), message, trace(e));
    }

    private static String jacksonMessage(Throwable e) {
        Throwable cause = e;
        if (e instanceof IllegalArgumentException && e.getCause() instanceof JsonProcessingException) {
            cause = e.getCause();
        }
        if (cause instanceof JsonProcessingException jackson) {
            return jackson.getOriginalMessage();
        }
        return String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause);
    }

    /** The stack trace as text, cut to {@link WorkerLoop#MAX_TRACE_CHARS} as a worker cuts it. */
    private static String trace(Throwable e) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            e.printStackTrace(writer);
        }
        String trace = text.toString();
        if (trace.length() <= WorkerLoop.MAX_TRACE_CHARS) {
            return trace;
        }
        String tail = "\n\t... (" + trace.length() + " chars, cut)";
        return trace.substring(0, WorkerLoop.MAX_TRACE_CHARS - tail.length()) + tail;
    }
}
