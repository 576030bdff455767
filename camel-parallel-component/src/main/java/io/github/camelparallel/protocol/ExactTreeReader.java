package io.github.camelparallel.protocol;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads JSON text into a Jackson tree without losing a digit: it exists because Jackson's own tree reader either reads
 * every fraction into a {@code double} ({@code 1234567890.123456789012345678901234567890} becomes
 * {@code 1234567890.1234567}, {@code 1.50} becomes {@code 1.5}) or, with {@code USE_BIG_DECIMAL_FOR_FLOATS}, into a
 * {@code BigDecimal} that cannot hold {@code -0.0}.
 * <p>
 * Guarantees: integers become {@link IntNode}, {@link LongNode} or {@link BigIntegerNode} by magnitude (as Jackson
 * does); a number with a fraction or an exponent becomes a {@link DoubleNode} when it is written exactly as Java
 * writes that double ({@code Double.toString}: {@code 0.1}, {@code 1.0E300}, {@code -0.0}; its digits are then
 * {@code BigDecimal.valueOf(d)}'s, so nothing is lost either way), else a {@link DecimalNode} holding exactly the
 * written digits and scale ({@code 1.50} stays {@code 1.50}, {@code 1E+3} keeps scale -3), except a negative zero
 * ({@code -0.00}), which becomes {@link DoubleNode}{@code (-0.0)}; the non-finite tokens {@code NaN}, {@code Infinity}, {@code -Infinity} (accepted
 * by {@link FrameCodec}'s parser) become {@link DoubleNode}s. Iterative, so a deep (but parser-bounded) nesting uses
 * no stack. Stateless.
 */
final class ExactTreeReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ExactTreeReader() {
    }

    /**
     * The tree of the next value of the parser, or null at the end of input. The parser is left on the value's last
     * token.
     */
    static JsonNode read(JsonParser p) throws IOException {
        JsonToken token = p.currentToken() != null ? p.currentToken() : p.nextToken();
        if (token == null) {
            return null;
        }
        if (!token.isStructStart()) {
            return scalar(p, token); // an array's element, most often: no stack to set up
        }
        ArrayDeque<ContainerNode<?>> open = new ArrayDeque<>();
        ArrayDeque<String> names = new ArrayDeque<>();
        JsonNode root = null;
        while (true) {
            JsonNode value;
            switch (token) {
                case START_OBJECT -> value = NODES.objectNode();
                case START_ARRAY -> value = NODES.arrayNode();
                case END_OBJECT, END_ARRAY -> {
                    ContainerNode<?> done = open.pop();
                    if (open.isEmpty()) {
                        return done;
                    }
                    token = p.nextToken();
                    continue;
                }
                case FIELD_NAME -> {
                    names.push(p.currentName());
                    token = p.nextToken();
                    continue;
                }
                default -> value = scalar(p, token);
            }
            ContainerNode<?> parent = open.peek();
            if (parent == null) {
                root = value;
            } else if (parent instanceof ObjectNode object) {
                object.set(names.pop(), value);
            } else {
                ((ArrayNode) parent).add(value);
            }
            if (value instanceof ContainerNode<?> container) {
                open.push(container);
            } else if (open.isEmpty()) {
                return root;
            }
            token = p.nextToken();
            if (token == null) {
                throw new JsonParseException(p, "unexpected end of input inside a JSON value");
            }
        }
    }

    private static JsonNode scalar(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> IntNode.valueOf(p.getIntValue());
                case LONG -> LongNode.valueOf(p.getLongValue());
                default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> fraction(p);
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.getInstance();
            default -> throw new JsonParseException(p, "unexpected token " + token);
        };
    }

    private static JsonNode fraction(JsonParser p) throws IOException {
        if (p.isNaN()) { // NaN, Infinity, -Infinity: no BigDecimal holds them
            return DoubleNode.valueOf(p.getDoubleValue());
        }
        String text = p.getText();
        double approximate = Double.parseDouble(text);
        if (Double.toString(approximate).equals(text)) {
            // exactly how Java writes this double: the double is the value, and BigDecimal.valueOf gives these digits back
            return DoubleNode.valueOf(approximate);
        }
        BigDecimal exact = p.getDecimalValue();
        if (exact.signum() == 0 && text.startsWith("-")) {
            return DoubleNode.valueOf(-0.0); // a BigDecimal has no negative zero
        }
        return DecimalNode.valueOf(exact);
    }
}
