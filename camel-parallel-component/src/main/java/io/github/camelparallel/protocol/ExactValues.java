package io.github.camelparallel.protocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sending side's promise that a value crosses JSON unchanged: before a JVM worker, a cluster member or the result
 * cache writes a value, it converts the JSON back exactly as the receiving side will (parsed by
 * {@link ExactTreeReader}, converted to the declared type) and compares. It exists because JSON numbers carry no Java
 * type: a {@code BigDecimal} {@code 1.50} returned where the task declares only {@code Object} would arrive as the
 * {@code Double} {@code 1.5}, a {@code Long} inside a {@code List<Object>} as an {@code Integer}. Such a value is
 * refused with a message naming the value, where it sits and what it would become, so its item fails instead of
 * another value taking its place.
 * <p>
 * "Equal" is {@link Objects#deepEquals} of the values (scale-sensitive for {@code BigDecimal}, sign-sensitive for
 * {@code -0.0}, type-sensitive for boxes) or, for objects without a value {@code equals} (beans, records holding
 * arrays), the same JSON tree node for node, number node classes included. Values that always arrive equal (null,
 * {@code String}, {@code Integer}, {@code Boolean}, {@code Double}) skip the check. Known gap: a {@code Byte},
 * {@code Short} or {@code Character} inside a bean's {@code Object} field writes the same JSON as an {@code Integer}
 * or a {@code String}, and is not told apart there. Stateless.
 */
final class ExactValues {

    private ExactValues() {
    }

    static JsonNode toExactTree(FrameCodec codec, Object value, JavaType declared) {
        JsonNode sent = codec.toTree(value);
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Boolean
                || value instanceof Double || JsonNode.class.isAssignableFrom(declared.getRawClass())) {
            return sent; // arrives equal whatever the declared type (a JsonNode task gets its numbers exact, not its node classes)
        }
        if (arrivesEqual(value, declared.getRawClass())) {
            return sent;
        }
        Object back;
        try {
            back = codec.fromTree(codec.readTree(new String(codec.writeBytes(sent),
                    StandardCharsets.UTF_8)), declared);
        } catch (Exception e) {
            // cannot be read back at all: the receiving side names that itself, as it always has
            return sent;
        }
        if (Objects.deepEquals(value, back)) {
            return sent;
        }
        JsonNode arrived = codec.toTree(back);
        String difference = difference("$", sent, arrived);
        if (difference == null && !valueEquality(value)) {
            return sent; // a bean or record whose equals is identity: its JSON is what counts
        }
        throw new IllegalArgumentException("the " + describe(value) + " would not arrive equal as JSON read into "
                + declared.toCanonical() + ": " + (difference != null ? difference
                        : "it would arrive as the " + describe(back))
                + ". JSON numbers carry no Java type: declare the exact type in the task (e.g. Function<T, BigDecimal>,"
                + " a record field of type Long) instead of Object or Number");
    }

    /**
     * Integers that the receiving side reads back as the same box without a round trip to tell: a box into its own
     * declared type, and a {@code Long} beyond the int range where only {@code Object} is declared (read by magnitude,
     * it stays a {@code Long}). A tiny task's result then costs no second encoding; everything else is checked.
     */
    private static boolean arrivesEqual(Object value, Class<?> declared) {
        if (value instanceof Long l) {
            return declared == Long.class || declared == long.class
                    || declared == Object.class && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE);
        }
        return (value instanceof Short || value instanceof Byte || value instanceof BigInteger)
                && value.getClass() == declared;
    }

    /** Boxes, strings and JDK collections compare by value: when equals says different, they are. */
    private static boolean valueEquality(Object value) {
        return value instanceof Number || value instanceof CharSequence || value instanceof Character
                || value instanceof Boolean
                || ((value instanceof Collection || value instanceof Map) && value.getClass().getName().startsWith("java."));
    }

    /** The first place where two trees differ, as {@code "at $.a[2] the Long 5 would arrive as the Integer 5"}. */
    private static String difference(String path, JsonNode sent, JsonNode arrived) {
        if (sent.isContainerNode() && sent.getNodeType() == arrived.getNodeType() && sent.size() == arrived.size()) {
            if (sent.isArray()) {
                for (int i = 0; i < sent.size(); i++) {
                    String found = difference(path + "[" + i + "]", sent.get(i), arrived.get(i));
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = sent.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = arrived.get(field.getKey());
                if (other == null) {
                    return "at " + path + "." + field.getKey() + " the field would be missing";
                }
                String found = difference(path + "." + field.getKey(), field.getValue(), other);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (sent.getClass() == arrived.getClass() && sent.equals(arrived)
                && (!sent.isBigDecimal() || sent.decimalValue().scale() == arrived.decimalValue().scale())) {
            return null;
        }
        return "at " + path + " the " + describe(sent) + " would arrive as the " + describe(arrived);
    }

    private static String describe(JsonNode node) {
        if (node.isNumber()) {
            String type = switch (node.numberType()) {
                case INT -> "Integer";
                case LONG -> "Long";
                case BIG_INTEGER -> "BigInteger";
                case FLOAT -> "Float";
                case DOUBLE -> "Double";
                case BIG_DECIMAL -> "BigDecimal";
            };
            return type + " " + node.asText();
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + FrameCodec.cut(node.toString());
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = FrameCodec.cut(String.valueOf(value));
        return value.getClass().getName() + " " + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
    }
}
