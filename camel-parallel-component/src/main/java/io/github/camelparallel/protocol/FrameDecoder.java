package io.github.camelparallel.protocol;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import static io.github.camelparallel.protocol.FrameCodec.cut;

/**
 * Turns one parsed protocol line into a {@link Frame}, or a {@link ProtocolException} that names what is wrong and
 * quotes the line (cut to {@value FrameCodec#MAX_CUT} characters): the frame-shape half of {@link FrameCodec#decode},
 * kept apart from the Jackson configuration. The line's text is asked for only to quote it in an error: a line read
 * as bytes never becomes a String when it is a good frame. Stateless and thread-safe.
 */
final class FrameDecoder {

    private FrameDecoder() {
    }

    /** The frame a parsed line (its JSON tree, null or missing for an empty line) stands for. */
    static Frame frame(JsonNode root, Supplier<String> line) throws ProtocolException {
        if (root == null || root.isMissingNode()) {
            throw problem("not JSON (empty line)", line);
        }
        if (!root.isObject()) {
            throw problem("not a JSON object but " + describe(root), line);
        }
        JsonNode type = root.get("type");
        if (type == null) {
            throw problem("no \"type\" field", line);
        }
        if (!type.isTextual()) {
            throw problem("\"type\" is " + describe(type) + ", not a string", line);
        }
        return switch (type.textValue()) {
            case "hello" -> new Frame.Hello(intField(root, "protocol", line), optionalLong(root, "pid", line),
                    optionalText(root, "runtime", line));
            case "run" -> new Frame.Run(longField(root, "id", line), array(root, "items", line));
            case "result" -> decodeResult(root, line);
            case "shutdown" -> new Frame.Shutdown();
            default -> throw problem("unknown \"type\" " + cut(type.textValue()), line);
        };
    }

    private static Frame.Result decodeResult(JsonNode root, Supplier<String> line) throws ProtocolException {
        long id = longField(root, "id", line);
        List<JsonNode> results = array(root, "results", line);
        JsonNode errorsNode = root.get("errors");
        List<ItemError> errors = new ArrayList<>();
        if (errorsNode != null && !errorsNode.isNull()) {
            if (!errorsNode.isArray()) {
                throw problem("\"errors\" is " + describe(errorsNode) + ", not an array", line);
            }
            for (JsonNode entry : errorsNode) {
                if (!entry.isObject()) {
                    throw problem("an \"errors\" entry is " + describe(entry) + ", not an object", line);
                }
                int index = intField(entry, "index", line);
                if (index < 0 || index >= results.size()) {
                    throw problem("error index " + index + " outside the " + results.size() + " results", line);
                }
                JsonNode error = entry.get("error");
                if (error == null || !error.isTextual()) {
                    throw problem("an \"errors\" entry has no string \"error\"", line);
                }
                errors.add(new ItemError(index, error.textValue(), optionalText(entry, "message", line),
                        optionalText(entry, "trace", line)));
            }
        }
        return new Frame.Result(id, results, errors);
    }

    private static int intField(JsonNode node, String field, Supplier<String> line) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw problem("no \"" + field + "\" field", line);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw problem("\"" + field + "\" is " + describe(value) + ", not an int", line);
        }
        return value.intValue();
    }

    private static long longField(JsonNode node, String field, Supplier<String> line) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw problem("no \"" + field + "\" field", line);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw problem("\"" + field + "\" is " + describe(value) + ", not an integer", line);
        }
        return value.longValue();
    }

    private static Long optionalLong(JsonNode node, String field, Supplier<String> line) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw problem("\"" + field + "\" is " + describe(value) + ", not an integer", line);
        }
        return value.longValue();
    }

    private static String optionalText(JsonNode node, String field, Supplier<String> line) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw problem("\"" + field + "\" is " + describe(value) + ", not a string", line);
        }
        return value.textValue();
    }

    private static List<JsonNode> array(JsonNode node, String field, Supplier<String> line) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw problem("no \"" + field + "\" field", line);
        }
        if (!value.isArray()) {
            throw problem("\"" + field + "\" is " + describe(value) + ", not an array", line);
        }
        return new AbstractList<>() { // a view: the frame makes the one copy it keeps
            @Override
            public JsonNode get(int index) {
                return value.get(index);
            }

            @Override
            public int size() {
                return value.size();
            }
        };
    }

    private static String describe(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> node.isIntegralNumber() ? "the integer " + cut(node.asText()) : "the number " + node.asText();
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    static ProtocolException problem(String what, Supplier<String> line) {
        return new ProtocolException(what + ": " + cut(line.get()));
    }
}
