package io.github.camelparallel.protocol;

import java.io.IOException;
import java.lang.reflect.Type;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Items to JSON and results back, on the parent side (the process pool, the Hazelcast backend), with the same
 * Jackson configuration the workers use ({@link FrameCodec}). Results are converted to the task's declared result type when the parent can see it (a JVM
 * worker's Function), else to plain JSON values (Map, List, String, Number, Boolean). No polymorphic typing.
 * Thread-safe.
 */
public final class ItemJson {

    private final FrameCodec codec = FrameCodec.SHARED;
    private final JavaType resultType;

    public ItemJson(Type resultType) {
        this.resultType = codec.typeFactory().constructType(resultType != null ? resultType : Object.class);
    }

    /** @throws IllegalArgumentException naming the index and the item's type when Jackson cannot write it */
    public JsonNode item(int index, Object item) {
        try {
            return codec.toTree(item);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Item " + index + " of type " + (item == null ? "null" : item.getClass().getName())
                    + " cannot be sent as JSON: " + e.getMessage(), e);
        }
    }

    public Object result(JsonNode node) throws IOException {
        return node == null || node.isNull() ? null : codec.fromTree(node, resultType);
    }
}
