package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelparallel.protocol.FrameCodec;

/**
 * The result type of {@code python=} pools, never instantiated: a result reads as the plain JSON values every worker's
 * do ({@code Map}, {@code List}, {@code String}, {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double},
 * {@code Boolean}, null), except that the Python worker's bytes form {@code {"$bytes":"<base64>"}} (an object with
 * that one string field) reads as a {@code byte[]}, wherever it is nested. Stateless.
 */
@JsonDeserialize(using = PythonValue.Reader.class)
public final class PythonValue {

    private static final JavaType OBJECT = FrameCodec.SHARED.typeFactory().constructType(Object.class);

    private PythonValue() {
    }

    /**
     * How items are sent to a pool's workers: for a python= pool (result type {@code PythonValue}) a {@code byte[]}
     * becomes the bytes form; for any other pool the tree as it is.
     */
    static UnaryOperator<JsonNode> wireForm(Type resultType) {
        return resultType == PythonValue.class ? PythonValue::toWire : UnaryOperator.identity();
    }

    /**
     * An item's tree with every binary node as {@code {"$bytes":"<base64>"}}.
     *
     * @throws IllegalArgumentException for a map whose only key is "$bytes", which the worker would read as bytes
     */
    static JsonNode toWire(JsonNode node) {
        if (node.isBinary()) {
            ObjectNode bytes = JsonNodeFactory.instance.objectNode();
            bytes.put("$bytes", Base64.getEncoder().encodeToString(((BinaryNode) node).binaryValue()));
            return bytes;
        }
        if (node.isObject()) {
            if (node.size() == 1 && node.has("$bytes")) {
                throw new IllegalArgumentException("a map whose only key is \"$bytes\" is reserved for bytes in a"
                        + " Python worker; use another key");
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), toWire(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(toWire(element)));
            return copy;
        }
        return node;
    }

    /** A result of a Python worker as a Java value; a scalar straight through the codec's plain path. */
    static Object read(JsonNode node) throws IOException {
        return node == null || node.isNull() ? null : of(node);
    }

    /** A result of a Python worker as a Java value. */
    static Object of(JsonNode node) throws IOException {
        if (node.isObject()) {
            JsonNode bytes = node.size() == 1 ? node.get("$bytes") : null;
            if (bytes != null && bytes.isTextual()) {
                try {
                    return Base64.getDecoder().decode(bytes.textValue());
                } catch (IllegalArgumentException e) {
                    throw new IOException("the bytes form {\"$bytes\": ...} does not hold base64: " + e.getMessage(), e);
                }
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                map.put(field.getKey(), of(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(of(element));
            }
            return list;
        }
        return FrameCodec.SHARED.fromTree(node, OBJECT);
    }

    /** Jackson's way in: {@code PythonValue.class} as the declared result type. */
    static final class Reader extends StdDeserializer<Object> {

        private static final long serialVersionUID = 1L;

        Reader() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return of(ctxt.readTree(p));
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
