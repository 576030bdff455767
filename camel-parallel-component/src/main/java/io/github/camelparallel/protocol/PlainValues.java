package io.github.camelparallel.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.POJONode;

/**
 * What a JSON value becomes where the Java type is {@code Object} (a task declared {@code Function<Object, Object>},
 * a {@code List<Object>}, a {@code Map<String, Object>}): the plain types Jackson gives there by default —
 * {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Boolean}, {@code null}, an integer as
 * {@link Integer}, {@link Long} or {@link java.math.BigInteger} by magnitude, and every number with a fraction as a
 * {@link Double}. It exists because {@link ExactTreeReader} keeps fractions that are not a Java double's text as exact
 * {@code BigDecimal}s (for a task declared with {@code BigDecimal}); where nothing declares that, they must stay the
 * {@code Double}s a JSON number has always been here, not become a {@code BigDecimal} only when the writer chose other
 * digits ({@code 1e+16} from Python). Stateless.
 */
final class PlainValues extends StdDeserializer<Object> {

    private static final long serialVersionUID = 1L;

    PlainValues() {
        super(Object.class);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode tree = ctxt.readTree(p);
        return plain(tree);
    }

    @Override
    public Object getNullValue(DeserializationContext ctxt) {
        return null;
    }

    static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                node.fields().forEachRemaining(field -> map.put(field.getKey(), plain(field.getValue())));
                return map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(plain(element)));
                return list;
            }
            case STRING -> {
                return node.textValue();
            }
            case BOOLEAN -> {
                return node.booleanValue();
            }
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    return node.isInt() ? (Object) node.intValue() : node.isLong() ? (Object) node.longValue()
                            : node.bigIntegerValue();
                }
                return node.doubleValue();
            }
            case BINARY -> {
                return node.asText(); // Jackson writes binary as base64 text
            }
            default -> {
                return node.isPojo() ? ((POJONode) node).getPojo() : node.asText();
            }
        }
    }
}
