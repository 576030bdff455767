package io.github.camelparallel.python;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.backend.remote.RemoteTaskException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The value mapping between Java and Python (docs/worker-protocol.md, Values), round-tripped through real python3
 * workers: each Java value goes to Python, Python names the type it got, and the value comes back; and values made in
 * Python come back as the Java values the table promises.
 */
class PythonValuesTest extends PythonRouteTestBase {

    private PythonRoutes routes() throws Exception {
        routesWith("values",
                "import math",
                "def echo(item):",
                "    return [type(item).__name__, item]",
                "MADE = {",
                "    'nan': float('nan'), 'inf': float('inf'), '-inf': float('-inf'), 'big': 2 ** 100,",
                "    'negbig': -(2 ** 64), 'none': None, 'bytes': b'\\x00\\xffthumb', 'bytearray': bytearray(b'ab'),",
                "    'tuple': (1, 'a'), 'nested': {'pixels': [0.25, 0.5], 'png': b'\\x89PNG'}, 'minus0': -0.0,",
                "    'reserved': {'$bytes': 'not really'}, 'set': {1, 2},",
                "}",
                "def make(name):",
                "    return MADE[name]");
        return routes;
    }

    private static List<?> body(Exchange out) {
        assertNull(out.getException(), () -> PythonRoutes.messages(out.getException()));
        return out.getMessage().getBody(List.class);
    }

    @Test
    void javaValuesRoundTripThroughPythonExactly() throws Exception {
        routes().start("python=values:echo&poolSize=1");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "x.png");
        map.put("size", List.of(640, 480));
        map.put("missing", null);
        byte[] bytes = {0, 1, (byte) 0xff, 'a'};
        // Java value, the Python type it arrives as, the Java value it comes back as
        Object[][] table = {
            {42, "int", 42},
            {1L << 40, "int", 1L << 40},
            {new BigInteger("1267650600228229401496703205376"), "int", new BigInteger("1267650600228229401496703205376")},
            {new BigInteger("-18446744073709551616"), "int", new BigInteger("-18446744073709551616")},
            {1.5, "float", 1.5},
            {-0.0, "float", -0.0},
            {Double.NaN, "float", Double.NaN},
            {Double.POSITIVE_INFINITY, "float", Double.POSITIVE_INFINITY},
            {Double.NEGATIVE_INFINITY, "float", Double.NEGATIVE_INFINITY},
            {Double.MIN_VALUE, "float", Double.MIN_VALUE},
            {"Grüße ✓ \uD83D\uDE00 \u0000", "str", "Grüße ✓ \uD83D\uDE00 \u0000"},
            {true, "bool", true},
            {null, "NoneType", null},
            {List.of(1, "a", List.of()), "list", List.of(1, "a", List.of())},
            {map, "dict", map},
            {bytes, "bytes", bytes},
            {List.of(bytes), "list", List.of(bytes)},
        };
        List<Object> items = new ArrayList<>();
        for (Object[] row : table) {
            items.add(row[0]);
        }
        List<?> results = body(routes.send(items));
        for (int i = 0; i < table.length; i++) {
            List<?> echoed = (List<?>) results.get(i);
            assertEquals(table[i][1], echoed.get(0), "Python type of row " + i);
            assertSame(table[i][2], echoed.get(1), "row " + i);
        }
    }

    @Test
    void pythonValuesArriveAsTheDocumentedJavaValues() throws Exception {
        routes().start("python=values:make&poolSize=1&onError=collect");
        List<String> names = List.of("nan", "inf", "-inf", "big", "negbig", "none", "bytes", "bytearray", "tuple",
                "nested", "minus0", "reserved", "set");
        Exchange out = routes.send(names);
        List<?> r = body(out);
        assertTrue(Double.isNaN((Double) r.get(0)));
        assertEquals(Double.POSITIVE_INFINITY, r.get(1));
        assertEquals(Double.NEGATIVE_INFINITY, r.get(2));
        assertEquals(BigInteger.TWO.pow(100), r.get(3));
        assertEquals(BigInteger.TWO.pow(64).negate(), r.get(4));
        assertNull(r.get(5));
        assertArrayEquals(new byte[] {0, (byte) 0xff, 't', 'h', 'u', 'm', 'b'}, (byte[]) r.get(6));
        assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), (byte[]) r.get(7));
        assertEquals(List.of(1, "a"), r.get(8));
        Map<?, ?> nested = (Map<?, ?>) r.get(9);
        assertEquals(List.of(0.25, 0.5), nested.get("pixels"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, (byte[]) nested.get("png"));
        assertEquals(-0.0, r.get(10));
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertEquals(2, errors.size(), errors.toString());
        RemoteTaskException reserved = assertInstanceOf(RemoteTaskException.class, errors.get(11));
        assertTrue(reserved.getMessage().contains("reserved for bytes"), reserved.getMessage());
        RemoteTaskException set = assertInstanceOf(RemoteTaskException.class, errors.get(12));
        assertTrue(set.getMessage().contains("set"), set.getMessage());
    }

    @Test
    void aJavaMapThatWouldReadAsBytesFailsAlone() throws Exception {
        routes().start("python=values:echo&poolSize=1&onError=collect");
        Exchange out = routes.send(List.of(1, Map.of("$bytes", "AAE="), 2));
        assertEquals(Arrays.asList(List.of("int", 1), null, List.of("int", 2)), body(out));
        Throwable error = (Throwable) out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class).get(1);
        assertTrue(error.getMessage().contains("Item 1") && error.getMessage().contains("reserved for bytes"),
                error.getMessage());
    }

    /** Equal values, with byte arrays compared by content, NaN equal to NaN and -0.0 told from 0.0. */
    private static void assertSame(Object expected, Object actual, String what) {
        if (expected instanceof byte[] b) {
            assertArrayEquals(b, assertInstanceOf(byte[].class, actual, what), what);
        } else if (expected instanceof List<?> list && list.stream().anyMatch(byte[].class::isInstance)) {
            List<?> got = assertInstanceOf(List.class, actual, what);
            assertEquals(list.size(), got.size(), what);
            for (int i = 0; i < list.size(); i++) {
                assertSame(list.get(i), got.get(i), what + "[" + i + "]");
            }
        } else if (expected instanceof Double d) {
            assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(assertInstanceOf(Double.class, actual, what)),
                    what + ": " + actual);
        } else if (expected instanceof Long l && l <= Integer.MAX_VALUE) {
            assertEquals(l.intValue(), actual, what);
        } else {
            assertEquals(expected, actual, what);
        }
    }
}
