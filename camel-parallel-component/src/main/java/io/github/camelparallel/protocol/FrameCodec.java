package io.github.camelparallel.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.TypeFactory;

/**
 * Turns {@link Frame}s into protocol lines and back (worker protocol v1, docs/worker-protocol.md). It exists so that
 * the parent and the JVM worker share one definition of the wire format, and one Jackson configuration for the items
 * and results that cross it.
 * <p>
 * Guarantees: {@link #encode} writes compact JSON on a single line (JSON escapes every control character inside
 * strings, so a frame never contains a newline) without the terminating newline. {@link #decode} accepts exactly the
 * four frame types, parses the line into a Jackson tree and reads {@code type} itself: the wire never names a Java
 * class, and no polymorphic typing is enabled. Unknown extra fields are ignored (a worker may add fields to
 * {@code hello}); everything else that is wrong (not JSON, trailing garbage, not an object, unknown or missing
 * {@code type}, a missing or mistyped field, an error index outside the results) is a {@link ProtocolException} whose
 * message names the problem and ends with a cut of the line. {@code decode} does not check what only the caller knows
 * (the id of the run in flight, the number of items in it, the protocol version it accepts).
 * <p>
 * Numbers are exact ({@link ExactTreeReader}: a {@code BigDecimal} keeps its digits and scale, a long its 64 bits,
 * {@code -0.0} its sign); {@code NaN}, {@code Infinity} and {@code -Infinity} are written and read as bare tokens, as
 * Python's {@code json} does (docs/worker-protocol.md, Numbers); where only {@code Object} is declared, a fraction is a
 * {@code Double} ({@link PlainValues}); a number with a fraction or an exponent becomes an integer type only when that
 * loses nothing ({@link LosslessIntegers}: {@code 2.0} is 2, {@code 1.5} fails naming the value and the type).
 * {@link #toExactTree} is the sender's check that a value arrives equal.
 * Numbers are limited to {@value #MAX_NUMBER_LENGTH} characters.
 * <p>
 * The line length limit is not checked here but by {@link LineReader}, before a line is ever held in memory as a whole.
 * String values are therefore not limited by Jackson's default 20 M characters: the line limit bounds them.
 * <p>
 * Thread-safe and stateless: all instances share one Jackson configuration ({@link ProtocolJackson}: a
 * {@link JsonFactory}, and an {@link ObjectMapper} built on first use), never changed afterwards; {@link #SHARED} is the instance to use.
 */
public final class FrameCodec {

    /** The one codec everything uses. */
    public static final FrameCodec SHARED = new FrameCodec();

    /** How many characters of an offending line an error message quotes. */
    public static final int MAX_CUT = 200;

    /** The longest number (in characters) a line may hold; Jackson's default is 1,000. */
    public static final int MAX_NUMBER_LENGTH = 100_000;

    /** Encodes a frame as one line of JSON, without the newline. */
    public String encode(Frame frame) {
        byte[] line = encodeLine(frame);
        return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
    }

    /**
     * Encodes a frame as one protocol line in UTF-8, newline included, streamed straight into bytes (no tree, no
     * String in between: a run of 10,000 tiny items is one pass).
     */
    public byte[] encodeLine(Frame frame) {
        if (frame instanceof Frame.Run run) {
            return encodeRunLine(run.id(), encodeItems(run.items())); // one definition of the run line
        }
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(256)) {
            try (JsonGenerator out = ProtocolJackson.FACTORY.createGenerator(bytes)) {
                out.writeStartObject();
                out.writeStringField("type", frame.type());
                if (frame instanceof Frame.Hello hello) {
                    out.writeNumberField("protocol", hello.protocol());
                    if (hello.pid() != null) {
                        out.writeNumberField("pid", hello.pid());
                    }
                    if (hello.runtime() != null) {
                        out.writeStringField("runtime", hello.runtime());
                    }
                } else if (frame instanceof Frame.Result result) {
                    out.writeNumberField("id", result.id());
                    writeNodes(out, "results", result.results());
                    if (!result.errors().isEmpty()) {
                        out.writeArrayFieldStart("errors");
                        for (ItemError error : result.errors()) {
                            out.writeStartObject();
                            out.writeNumberField("index", error.index());
                            out.writeStringField("error", error.error());
                            if (error.message() != null) {
                                out.writeStringField("message", error.message());
                            }
                            if (error.trace() != null) {
                                out.writeStringField("trace", error.trace());
                            }
                            out.writeEndObject();
                        }
                        out.writeEndArray();
                    }
                }
                // Shutdown: the type alone
                out.writeEndObject();
            }
            bytes.append('\n');
            return bytes.toByteArray();
        } catch (IOException e) {
            // a tree of JsonNodes always serializes into memory; this would be a Jackson bug
            throw new IllegalStateException("cannot encode " + frame.type() + " frame: " + e.getMessage(), e);
        }
    }

    /**
     * The items of a run as the JSON array a {@code run} line carries, encoded ahead of time so that sending the run
     * costs only the copy ({@link #encodeRunLine}).
     */
    public byte[] encodeItems(List<JsonNode> items) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(16 + 8 * items.size())) {
            try (JsonGenerator out = ProtocolJackson.FACTORY.createGenerator(bytes)) {
                writeArray(out, items);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the items of a run: " + e.getMessage(), e);
        }
    }

    /** The {@code run} line (newline included) for items encoded by {@link #encodeItems}; {@link #encodeLine} uses it too. */
    public byte[] encodeRunLine(long id, byte[] encodedItems) {
        byte[] head = ("{\"type\":\"run\",\"id\":" + id + ",\"items\":").getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + encodedItems.length + 2];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(encodedItems, 0, line, head.length, encodedItems.length);
        line[line.length - 2] = '}';
        line[line.length - 1] = '\n';
        return line;
    }

    private static void writeNodes(JsonGenerator out, String field, List<JsonNode> nodes) throws IOException {
        out.writeFieldName(field);
        writeArray(out, nodes);
    }

    private static void writeArray(JsonGenerator out, List<JsonNode> nodes) throws IOException {
        out.writeStartArray();
        for (JsonNode node : nodes) {
            writeNode(out, node);
        }
        out.writeEndArray();
    }

    /** One tree: the common scalars directly; anything else through the mapper, exactly as Jackson writes a tree. */
    static void writeNode(JsonGenerator out, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case NULL -> out.writeNull();
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case STRING -> out.writeString(node.textValue());
            case NUMBER -> {
                if (node.isInt()) {
                    out.writeNumber(node.intValue());
                } else if (node.isLong()) {
                    out.writeNumber(node.longValue());
                } else {
                    ProtocolJackson.mapper().writeTree(out, node);
                }
            }
            default -> ProtocolJackson.mapper().writeTree(out, node);
        }
    }

    /** A writer of a run's items straight into the bytes of its JSON array ({@link ItemWriter}). */
    public ItemWriter itemWriter(int expectedBytes) {
        try {
            return new ItemWriter(ProtocolJackson.FACTORY, expectedBytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start an array in memory: " + e.getMessage(), e);
        }
    }

    /** Parses one protocol line (without its newline) into a frame. */
    public Frame decode(String line) throws ProtocolException {
        JsonNode root;
        try {
            root = FrameTreeReader.read(ProtocolJackson.FACTORY, line, null);
        } catch (JsonProcessingException e) {
            throw FrameDecoder.problem("not JSON (" + e.getOriginalMessage() + ")", () -> line);
        }
        return FrameDecoder.frame(root, () -> line);
    }

    /**
     * {@link #decode(String)} for a line of valid UTF-8 bytes ({@link LineReader#readLineBytes()}), parsed straight
     * from the bytes: the line becomes a String only to be quoted in an error.
     */
    public Frame decode(byte[] line) throws ProtocolException {
        Supplier<String> text = () -> new String(line, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = FrameTreeReader.read(ProtocolJackson.FACTORY, null, line);
        } catch (JsonProcessingException e) {
            throw FrameDecoder.problem("not JSON (" + e.getOriginalMessage() + ")", text);
        }
        return FrameDecoder.frame(root, text);
    }

    /**
     * At most {@value #MAX_CUT} characters of a line, for error messages and logs: longer lines are cut and end with
     * {@code "... (N chars)"}. Control characters are shown as {@code \\uXXXX} so that a cut never spans lines.
     */
    public static String cut(String line) {
        if (line == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(line.length(), MAX_CUT) + 24);
        int end = Math.min(line.length(), MAX_CUT);
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (line.length() > MAX_CUT) {
            out.append("... (").append(line.length()).append(" chars)");
        }
        return out.toString();
    }

    // ---- items and results: the same Jackson configuration on both sides of the pipe ----

    /**
     * One JSON text as a tree, numbers exact ({@link ExactTreeReader}); null for an empty text.
     *
     * @throws JsonProcessingException when the text is not one JSON value (trailing tokens included)
     */
    public JsonNode readTree(String json) throws JsonProcessingException {
        try (JsonParser p = ProtocolJackson.FACTORY.createParser(json)) {
            return readAll(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a String: " + e.getMessage(), e); // no I/O on a String
        }
    }

    /** {@link #readTree(String)} for UTF-8 bytes. */
    public JsonNode readTree(byte[] json, int offset, int length) throws JsonProcessingException {
        try (JsonParser p = ProtocolJackson.FACTORY.createParser(json, offset, length)) {
            return readAll(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bytes: " + e.getMessage(), e);
        }
    }

    static JsonNode readAll(JsonParser p) throws IOException {
        JsonNode tree = ExactTreeReader.read(p);
        if (tree != null && p.nextToken() != null) {
            throw new JsonParseException(p, "trailing token (" + p.currentToken() + ") after the JSON value");
        }
        return tree;
    }

    /** A tree as compact JSON in UTF-8, written as every line is (non-finite numbers as bare tokens). */
    public byte[] writeBytes(JsonNode tree) {
        try {
            return ProtocolJackson.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e); // a tree always writes
        }
    }

    /**
     * A value as a tree that the receiving side, converting it to {@code declared}, turns back into an equal value
     * ({@link ExactValues}); a value that would arrive different (a {@code BigDecimal} where only {@code Object} is
     * declared, a {@code Long} inside a {@code List<Object>}) is refused.
     *
     * @throws IllegalArgumentException naming the value and what it would become, or when Jackson cannot write it
     */
    public JsonNode toExactTree(Object value, JavaType declared) {
        return ExactValues.toExactTree(this, value, declared);
    }

    /** The type factory of the shared mapper, to describe the Java type items are converted to. */
    public TypeFactory typeFactory() {
        return TypeFactory.defaultInstance(); // the mapper's own (Jackson's default), without building the mapper
    }

    /**
     * A Java value as a JSON tree (Java {@code null} becomes JSON {@code null}).
     *
     * @throws IllegalArgumentException when Jackson cannot serialize the value
     */
    public JsonNode toTree(Object value) {
        // the common scalars directly: the same nodes Jackson builds, several times faster for tiny tasks
        if (value == null) {
            return NullNode.getInstance();
        } else if (value instanceof Integer i) {
            return IntNode.valueOf(i);
        } else if (value instanceof Long l) {
            return LongNode.valueOf(l);
        } else if (value instanceof String s) {
            return TextNode.valueOf(s);
        } else if (value instanceof Double d) {
            return DoubleNode.valueOf(d);
        } else if (value instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        }
        JsonNode tree = ProtocolJackson.mapper().valueToTree(value);
        return tree == null ? NullNode.getInstance() : tree;
    }

    /**
     * A JSON tree as a value of the given type; with {@code Object} the plain Jackson types ({@link Map},
     * {@link List}, {@link Integer}/{@link Long}/{@link java.math.BigInteger}, {@link Double}, {@link String},
     * {@link Boolean}, {@code null}). No polymorphic typing is enabled: the tree never chooses the class.
     *
     * @throws JsonProcessingException when the tree does not fit the type
     */
    public Object fromTree(JsonNode tree, JavaType type) throws JsonProcessingException {
        Class<?> raw = type.getRawClass();
        if (raw.isInstance(tree) && JsonNode.class.isAssignableFrom(raw)) {
            return tree; // a task that takes JsonNode gets the tree as it came
        }
        Object scalar = scalar(tree, raw);
        return scalar != NOT_SCALAR ? scalar : ProtocolJackson.mapper().treeToValue(tree, type);
    }

    private static final Object NOT_SCALAR = new Object();

    /**
     * The common scalar conversions directly, with exactly Jackson's result (FrameCodecTest checks it), or
     * {@link #NOT_SCALAR} to let Jackson do it.
     */
    private static Object scalar(JsonNode tree, Class<?> raw) {
        boolean any = raw == Object.class;
        if (!any && raw != Integer.class && raw != Long.class && raw != String.class && raw != Double.class
                && raw != Boolean.class) {
            return NOT_SCALAR;
        }
        if (tree == null || tree.isNull()) {
            return null;
        } else if (tree.isInt() && (any || raw == Integer.class)) {
            return tree.intValue();
        } else if (tree.isLong() && (any || raw == Long.class)) {
            return tree.longValue();
        } else if (tree.isInt() && raw == Long.class) {
            return (long) tree.intValue();
        } else if (tree.isTextual() && (any || raw == String.class)) {
            return tree.textValue();
        } else if ((tree.isDouble() || tree.isBigDecimal()) && (any || raw == Double.class)) {
            return tree.doubleValue(); // PlainValues: every fraction is a Double where nothing declares the type
        } else if (tree.isBoolean() && (any || raw == Boolean.class)) {
            return tree.booleanValue();
        }
        return NOT_SCALAR;
    }
}
