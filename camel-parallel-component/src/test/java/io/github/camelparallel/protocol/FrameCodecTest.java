package io.github.camelparallel.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire format of protocol v1: every frame survives a round trip, and every malformed line is named. */
class FrameCodecTest {

    private static final FrameCodec CODEC = FrameCodec.SHARED;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void helloRoundTripsWithAndWithoutOptionalFields() throws ProtocolException {
        Frame.Hello full = new Frame.Hello(1, 4242L, "java 17.0.15");
        assertEquals("{\"type\":\"hello\",\"protocol\":1,\"pid\":4242,\"runtime\":\"java 17.0.15\"}", CODEC.encode(full));
        assertEquals(full, CODEC.decode(CODEC.encode(full)));

        Frame.Hello bare = new Frame.Hello(1, null, null);
        assertEquals("{\"type\":\"hello\",\"protocol\":1}", CODEC.encode(bare));
        assertEquals(bare, CODEC.decode("{\"type\":\"hello\",\"protocol\":1}"));
        assertEquals(new Frame.Hello(1, 7L, "python 3.11.7"),
                CODEC.decode("{\"protocol\":1,\"extra\":[1,2],\"runtime\":\"python 3.11.7\",\"type\":\"hello\",\"pid\":7}"),
                "field order is free and unknown fields are ignored");
    }

    @Test
    void aRunLineFromItemsEncodedAheadIsByteForByteTheEncodedFrame() throws ProtocolException {
        List<JsonNode> items = List.of(JSON.numberNode(1), JSON.numberNode(12_345_678_901L), JSON.textNode("a \"b\"\n\u00e9"),
                NullNode.getInstance(), JSON.objectNode().put("k", 2.5), JSON.arrayNode().add(true));
        byte[] ahead = CODEC.encodeRunLine(42, CODEC.encodeItems(items));
        assertArrayEquals(CODEC.encodeLine(new Frame.Run(42, items)), ahead);
        assertEquals(new Frame.Run(42, items), CODEC.decode(new String(ahead, 0, ahead.length - 1, StandardCharsets.UTF_8)));
        assertArrayEquals(CODEC.encodeLine(new Frame.Run(7, List.of())), CODEC.encodeRunLine(7, CODEC.encodeItems(List.of())));
    }

    @Test
    void aLineDecodedFromItsBytesIsTheFrameOfItsText() throws ProtocolException {
        String line = "{\"type\":\"result\",\"id\":3,\"results\":[27,\"\u00e9\",1.50,null],\"errors\":[{\"index\":3,\"error\":\"E\"}]}";
        assertEquals(CODEC.decode(line), CODEC.decode(line.getBytes(StandardCharsets.UTF_8)));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> CODEC.decode("{\"type\":\"run\",\"id\":\"x\u00e9\",\"items\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("\"id\" is a string, not an integer: {\"type\":\"run\",\"id\":\"x\u00e9\",\"items\":[]}", e.getMessage());
        e = assertThrows(ProtocolException.class, () -> CODEC.decode("{\"type\":".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not JSON (") && e.getMessage().endsWith("): {\"type\":"), e.getMessage());
    }

    @Test
    void runRoundTripsAnyJsonItems() throws ProtocolException {
        List<JsonNode> items = List.of(JSON.numberNode(1), JSON.textNode("two\nlines \u00e9\u4e2d"), NullNode.getInstance(),
                JSON.objectNode().put("x", 1.5).set("list", JSON.arrayNode().add(true)), JSON.numberNode(Long.MAX_VALUE));
        Frame.Run run = new Frame.Run(Long.MAX_VALUE - 1, items);
        String line = CODEC.encode(run);
        assertFalse(line.contains("\n"), line);
        assertFalse(line.contains("\r"), line);
        assertTrue(line.startsWith("{\"type\":\"run\",\"id\":" + (Long.MAX_VALUE - 1) + ",\"items\":["), line);
        assertEquals(run, CODEC.decode(line));
    }

    @Test
    void runWithNoItemsAndJavaNullItems() throws ProtocolException {
        assertEquals(new Frame.Run(0, List.of()), CODEC.decode("{\"type\":\"run\",\"id\":0,\"items\":[]}"));
        Frame.Run withNull = new Frame.Run(3, java.util.Arrays.asList(JSON.numberNode(1), null));
        assertEquals("{\"type\":\"run\",\"id\":3,\"items\":[1,null]}", CODEC.encode(withNull));
    }

    @Test
    void resultWithoutErrorsOmitsTheField() throws ProtocolException {
        Frame.Result result = new Frame.Result(9, List.of(JSON.numberNode(1), JSON.numberNode(8)));
        assertEquals("{\"type\":\"result\",\"id\":9,\"results\":[1,8]}", CODEC.encode(result));
        assertEquals(result, CODEC.decode(CODEC.encode(result)));
        assertEquals(List.of(), ((Frame.Result) CODEC.decode("{\"type\":\"result\",\"id\":9,\"results\":[1,8],\"errors\":[]}"))
                .errors());
        assertEquals(List.of(), ((Frame.Result) CODEC.decode("{\"type\":\"result\",\"id\":9,\"results\":[1],\"errors\":null}"))
                .errors());
    }

    @Test
    void resultWithErrorsRoundTrips() throws ProtocolException {
        Frame.Result result = new Frame.Result(2, List.of(JSON.numberNode(1), NullNode.getInstance(), NullNode.getInstance()),
                List.of(new ItemError(1, "java.lang.ArithmeticException", "/ by zero", "java.lang.ArithmeticException\n\tat x"),
                        new ItemError(2, "ValueError", null, null)));
        String line = CODEC.encode(result);
        assertFalse(line.contains("\n"), line);
        assertTrue(line.endsWith(",\"errors\":[{\"index\":1,\"error\":\"java.lang.ArithmeticException\",\"message\":\"/ by zero\","
                + "\"trace\":\"java.lang.ArithmeticException\\n\\tat x\"},{\"index\":2,\"error\":\"ValueError\"}]}"), line);
        assertEquals(result, CODEC.decode(line));
    }

    @Test
    void shutdownRoundTrips() throws ProtocolException {
        assertEquals("{\"type\":\"shutdown\"}", CODEC.encode(new Frame.Shutdown()));
        assertInstanceOf(Frame.Shutdown.class, CODEC.decode("{\"type\":\"shutdown\"}"));
        assertInstanceOf(Frame.Shutdown.class, CODEC.decode("  {\"type\" : \"shutdown\"}\t"), "JSON whitespace is fine");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "not JSON"),
                Arguments.of("   ", "not JSON"),
                Arguments.of("hello world", "not JSON"),
                Arguments.of("{\"type\":\"shutdown\"", "not JSON"),
                Arguments.of("{\"type\":\"shutdown\"} {\"type\":\"shutdown\"}", "not JSON"),
                Arguments.of("{\"type\":\"shutdown\"} trailing", "not JSON"),
                Arguments.of("[1,2,3]", "not a JSON object but an array"),
                Arguments.of("42", "not a JSON object but the integer 42"),
                Arguments.of("\"run\"", "not a JSON object but a string"),
                Arguments.of("null", "not a JSON object but null"),
                Arguments.of("{}", "no \"type\" field"),
                Arguments.of("{\"id\":1,\"items\":[]}", "no \"type\" field"),
                Arguments.of("{\"type\":7}", "\"type\" is the integer 7, not a string"),
                Arguments.of("{\"type\":null}", "\"type\" is null, not a string"),
                Arguments.of("{\"type\":\"launch\"}", "unknown \"type\" launch"),
                Arguments.of("{\"type\":\"RUN\",\"id\":1,\"items\":[]}", "unknown \"type\" RUN"),
                Arguments.of("{\"type\":\"hello\"}", "no \"protocol\" field"),
                Arguments.of("{\"type\":\"hello\",\"protocol\":\"1\"}", "\"protocol\" is a string, not an int"),
                Arguments.of("{\"type\":\"hello\",\"protocol\":1.0}", "\"protocol\" is the number 1.0, not an int"),
                Arguments.of("{\"type\":\"hello\",\"protocol\":4294967296}", "not an int"),
                Arguments.of("{\"type\":\"hello\",\"protocol\":1,\"pid\":\"12\"}", "\"pid\" is a string, not an integer"),
                Arguments.of("{\"type\":\"hello\",\"protocol\":1,\"runtime\":3}", "\"runtime\" is the integer 3, not a string"),
                Arguments.of("{\"type\":\"run\",\"items\":[]}", "no \"id\" field"),
                Arguments.of("{\"type\":\"run\",\"id\":\"1\",\"items\":[]}", "\"id\" is a string, not an integer"),
                Arguments.of("{\"type\":\"run\",\"id\":1.5,\"items\":[]}", "\"id\" is the number 1.5, not an integer"),
                Arguments.of("{\"type\":\"run\",\"id\":99999999999999999999,\"items\":[]}", "not an integer"),
                Arguments.of("{\"type\":\"run\",\"id\":null,\"items\":[]}", "\"id\" is null, not an integer"),
                Arguments.of("{\"type\":\"run\",\"id\":1}", "no \"items\" field"),
                Arguments.of("{\"type\":\"run\",\"id\":1,\"items\":{\"0\":1}}", "\"items\" is an object, not an array"),
                Arguments.of("{\"type\":\"run\",\"id\":1,\"items\":\"[1]\"}", "\"items\" is a string, not an array"),
                Arguments.of("{\"type\":\"result\",\"results\":[]}", "no \"id\" field"),
                Arguments.of("{\"type\":\"result\",\"id\":1}", "no \"results\" field"),
                Arguments.of("{\"type\":\"result\",\"id\":1,\"results\":5}", "\"results\" is the integer 5, not an array"),
                Arguments.of("{\"type\":\"result\",\"id\":1,\"results\":[null],\"errors\":{}}", "\"errors\" is an object, not an array"),
                Arguments.of("{\"type\":\"result\",\"id\":1,\"results\":[null],\"errors\":[1]}", "an \"errors\" entry is the integer 1"),
                Arguments.of("{\"type\":\"result\",\"id\":1,\"results\":[null],\"errors\":[{\"error\":\"E\"}]}", "no \"index\" field"),
                Arguments.of("{\"type\":\"result\",\"id\":1,\"results\":[null],\"errors\":[{\"index\":1,\"error\":\"E\"}]}",
                        "error index 1 outside the 1 results"),
                Arguments.of("{\"type\":\"result\",\"id\":1,\"results\":[null],\"errors\":[{\"index\":-1,\"error\":\"E\"}]}",
                        "error index -1 outside"),
                Arguments.of("{\"type\":\"result\",\"id\":1,\"results\":[null],\"errors\":[{\"index\":0}]}", "no string \"error\""),
                Arguments.of("{\"type\":\"result\",\"id\":1,\"results\":[null],\"errors\":[{\"index\":0,\"error\":\"E\",\"message\":[]}]}",
                        "\"message\" is an array, not a string"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void malformedLineIsNamedAndQuoted(String line, String problem) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decode(line));
        assertTrue(e.getMessage().contains(problem), () -> "expected '" + problem + "' in: " + e.getMessage());
        assertTrue(e.getMessage().endsWith(": " + line), () -> "the line is quoted at the end: " + e.getMessage());
    }

    @Test
    void aHugeOffendingLineIsCutInTheMessage() {
        String line = "{\"type\":\"run\",\"id\":1,\"items\":\"" + "x".repeat(1_000_000) + "\"}";
        ProtocolException e = assertThrows(ProtocolException.class, () -> CODEC.decode(line));
        assertTrue(e.getMessage().startsWith("\"items\" is a string, not an array: {\"type\":\"run\""), e.getMessage());
        assertTrue(e.getMessage().endsWith("... (" + line.length() + " chars)"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, "message length " + e.getMessage().length());

        String garbage = "<html>" + "y".repeat(5000);
        ProtocolException notJson = assertThrows(ProtocolException.class, () -> CODEC.decode(garbage));
        assertTrue(notJson.getMessage().length() < 500, notJson.getMessage());
        assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());
    }

    @Test
    void cutShowsControlCharactersAndKeepsShortLines() {
        assertEquals("short", FrameCodec.cut("short"));
        assertEquals("a\\u0000b\\u001bc", FrameCodec.cut("a\u0000b\u001bc"));
        String cut = FrameCodec.cut("z".repeat(1000));
        assertEquals("z".repeat(FrameCodec.MAX_CUT) + "... (1000 chars)", cut);
    }

    @Test
    void longStringsAreNotLimitedByJacksonDefaults() throws ProtocolException {
        String big = "s".repeat(25_000_000); // over Jackson's default 20 M chars; the line limit is what bounds it
        Frame.Run run = new Frame.Run(1, List.of(JSON.textNode(big)));
        assertEquals(run, CODEC.decode(CODEC.encode(run)));
    }

    @Test
    void treesAndValuesUseOneConfiguration() throws Exception {
        assertEquals(JSON.numberNode(27), CODEC.toTree(27));
        assertEquals(NullNode.getInstance(), CODEC.toTree(null));
        assertEquals(List.of(1, "a"), CODEC.fromTree(CODEC.toTree(List.of(1, "a")), CODEC.typeFactory().constructType(Object.class)));
        JsonNode tree = JSON.objectNode().put("a", 1);
        assertTrue(tree == CODEC.fromTree(tree, CODEC.typeFactory().constructType(JsonNode.class)), "trees pass through");
        assertThrows(IllegalArgumentException.class, () -> CODEC.toTree(new Object()), "no serializer for a bare Object");
    }

    @Test
    void scalarShortcutsGiveExactlyWhatJacksonGives() throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        List<JsonNode> trees = List.of(JSON.numberNode(5), JSON.numberNode(5L), JSON.numberNode(1L << 40),
                JSON.numberNode(java.math.BigInteger.TEN.pow(30)), JSON.numberNode(2.0), JSON.numberNode(1.5),
                JSON.textNode("s"), JSON.textNode("5"), JSON.booleanNode(true), NullNode.getInstance(),
                JSON.arrayNode().add(1), JSON.objectNode().put("a", 1));
        for (Class<?> type : List.of(Object.class, Integer.class, Long.class, String.class, Double.class, Boolean.class)) {
            JavaType javaType = CODEC.typeFactory().constructType(type);
            for (JsonNode tree : trees) {
                Object expected;
                try {
                    expected = jackson.treeToValue(tree, javaType);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    expected = e.getClass();
                }
                if (tree.isDouble() && tree.doubleValue() % 1 != 0 && (type == Integer.class || type == Long.class)) {
                    // the one deliberate difference: Jackson truncates 1.5 to 1, the codec refuses (FloatToIntegerTest)
                    expected = com.fasterxml.jackson.databind.exc.InvalidFormatException.class;
                }
                Object actual;
                try {
                    actual = CODEC.fromTree(tree, javaType);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    actual = e.getClass();
                }
                String where = tree + " as " + type.getSimpleName();
                assertEquals(expected, actual, where);
                assertEquals(expected == null ? null : expected.getClass(), actual == null ? null : actual.getClass(), where);
            }
        }
        for (Object value : java.util.Arrays.asList(5, 5L, "s", 1.5, Double.NaN, true, null, List.of(1))) {
            JsonNode expected = jackson.valueToTree(value);
            JsonNode actual = CODEC.toTree(value);
            assertEquals(expected == null ? NullNode.getInstance() : expected, actual, String.valueOf(value));
            assertEquals(expected == null ? NullNode.class : expected.getClass(), actual.getClass(), String.valueOf(value));
        }
    }
}
