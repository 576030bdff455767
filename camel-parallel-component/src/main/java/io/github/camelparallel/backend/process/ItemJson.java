package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.lang.reflect.Type;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelparallel.protocol.FrameCodec;

/**
 * Items to JSON and results back, on the parent side, with the same Jackson configuration the workers use
 * ({@link FrameCodec}). Results are converted to the task's declared result type when the parent can see it (a JVM
 * worker's Function), else to plain JSON values (Map, List, String, Number, Boolean). No polymorphic typing.
 * Thread-safe.
 */
final class ItemJson {

    private final FrameCodec codec = FrameCodec.SHARED;
    private final JavaType resultType;

    ItemJson(Type resultType) {
        this.resultType = codec.typeFactory().constructType(resultType != null ? resultType : Object.class);
    }

    /** @throws IllegalArgumentException naming the index and the item's type when Jackson cannot write it */
    JsonNode item(int index, Object item) {
        try {
            return codec.toTree(item);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Item " + index + " of type " + (item == null ? "null" : item.getClass().getName())
                    + " cannot be sent to a worker as JSON: " + e.getMessage(), e);
        }
    }

    Object result(JsonNode node) throws IOException {
        return node == null || node.isNull() ? null : codec.fromTree(node, resultType);
    }
}
