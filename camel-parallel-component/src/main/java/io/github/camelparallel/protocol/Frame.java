package io.github.camelparallel.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * One line of the worker protocol v1 (docs/worker-protocol.md), as a value. The four frame types are the whole
 * protocol: {@link Hello} (worker → parent, first line), {@link Run} (parent → worker), {@link Result}
 * (worker → parent, one per run) and {@link Shutdown} (parent → worker).
 * <p>
 * The interface is sealed so that a {@code switch} over a decoded frame is checked for completeness by the compiler,
 * and so that the wire never chooses a Java type: {@link FrameCodec} reads the {@code type} field itself and builds one
 * of these four records, nothing else.
 * <p>
 * Every frame is immutable (lists are unmodifiable copies; a Java {@code null} item or result becomes JSON
 * {@code null}) and therefore safe to share between threads. The {@link JsonNode} elements themselves are Jackson
 * trees; callers must not mutate them after building a frame.
 */
public sealed interface Frame permits Frame.Hello, Frame.Run, Frame.Result, Frame.Shutdown {

    /** The protocol version this code speaks; a worker announces it in {@link Hello#protocol()}. */
    int PROTOCOL_VERSION = 1;

    /** The value of the frame's {@code type} field on the wire. */
    String type();

    /**
     * {@code {"type":"hello","protocol":1,"pid":1234,"runtime":"java 17.0.15"}}: the first line a worker writes,
     * once it is ready to take runs. {@code pid} and {@code runtime} are optional (null when absent) and only
     * informative.
     */
    record Hello(int protocol, Long pid, String runtime) implements Frame {

        /** A hello for this protocol version with this process's pid and the given runtime description. */
        public static Hello ofThisProcess(String runtime) {
            return new Hello(PROTOCOL_VERSION, ProcessHandle.current().pid(), runtime);
        }

        @Override
        public String type() {
            return "hello";
        }
    }

    /**
     * {@code {"type":"run","id":7,"items":[...]}}: the parent asks the worker to apply its task to each item. The
     * worker answers with one {@link Result} carrying the same id.
     */
    record Run(long id, List<JsonNode> items) implements Frame {

        public Run {
            items = immutableNodes(items, "items");
        }

        @Override
        public String type() {
            return "run";
        }
    }

    /**
     * {@code {"type":"result","id":7,"results":[...],"errors":[...]}}: the answer to the {@link Run} with the same id;
     * {@code results} holds one entry per item, in item order, JSON {@code null} where the item failed, and
     * {@code errors} one {@link ItemError} per failed item (empty when none failed; the codec then omits the field).
     */
    record Result(long id, List<JsonNode> results, List<ItemError> errors) implements Frame {

        public Result {
            results = immutableNodes(results, "results");
            errors = errors == null ? List.of() : List.copyOf(errors);
        }

        /** A result in which every item succeeded. */
        public Result(long id, List<JsonNode> results) {
            this(id, results, List.of());
        }

        @Override
        public String type() {
            return "result";
        }
    }

    /** {@code {"type":"shutdown"}}: the parent asks the worker to exit with status 0. */
    record Shutdown() implements Frame {

        @Override
        public String type() {
            return "shutdown";
        }
    }

    private static List<JsonNode> immutableNodes(List<JsonNode> nodes, String field) {
        Objects.requireNonNull(nodes, field);
        List<JsonNode> copy = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            copy.add(node == null ? NullNode.getInstance() : node);
        }
        return Collections.unmodifiableList(copy);
    }
}
