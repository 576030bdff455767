package io.github.camelparallel.protocol;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JSON number with a fraction or an exponent becomes an integer type (int/Integer, long/Long,
 * short/Short, byte/Byte, BigInteger) only when that loses nothing: {@code 2.0}, {@code 1e3}, {@code 2.50e1} and
 * {@code -0.0} (integer types have no negative zero: it is 0) convert exactly; a fraction ({@code 1.5},
 * {@code 1e-3}) or a value out of the type's range ({@code 1e30} into a long, 2^31 into an int) fails with an error
 * naming the value and the type, never a truncated number. Also inside lists, maps and primitive arrays.
 */
class FloatToIntegerTest {

    private static final FrameCodec CODEC = FrameCodec.SHARED;

    private static Object convert(String json, Class<?> type) throws JsonProcessingException {
        return CODEC.fromTree(CODEC.readTree(json), CODEC.typeFactory().constructType(type));
    }

    private static Object convert(String json, TypeReference<?> type) throws JsonProcessingException {
        return CODEC.fromTree(CODEC.readTree(json), CODEC.typeFactory().constructType(type));
    }

    private static void assertRefused(String json, Class<?> type, String named) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> {
            Object got = convert(json, type);
            throw new AssertionError(json + " as " + type.getName() + " became " + got);
        });
        String message = e.getOriginalMessage();
        assertTrue(message.contains(named), json + " as " + type.getName() + ": " + message);
        String typeName = type.isPrimitive() ? type.getName() : type.getSimpleName();
        assertTrue(message.contains(typeName), json + " as " + type.getName() + ": " + message);
    }

    @Test
    void integralFloatsConvertExactly() throws Exception {
        List<Class<?>> types = List.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class,
                byte.class, Byte.class, BigInteger.class);
        for (Class<?> type : types) {
            for (String json : List.of("2.0", "2.00", "1e1", "0.2e1", "-0.0", "-3.0E0", "1.0E1")) {
                Object got = convert(json, type);
                Object expected = convert(String.valueOf(new java.math.BigDecimal(json).toBigIntegerExact()), type);
                assertEquals(expected, got, json + " as " + type.getName());
                assertEquals(expected.getClass(), got.getClass(), json + " as " + type.getName());
            }
        }
        assertEquals(1000, convert("1e3", Integer.class));
        assertEquals(25, convert("2.50e1", int.class));
        assertEquals(0L, convert("-0.0", Long.class));
        assertEquals(1L << 53, convert("9007199254740992.0", Long.class));
        assertEquals(BigInteger.TEN.pow(30), convert("1e30", BigInteger.class));
        assertEquals(BigInteger.TEN.pow(30), convert("1.0E30", BigInteger.class));
        assertEquals(Integer.MIN_VALUE, convert("-2147483648.0", Integer.class));
        assertEquals((short) 32767, convert("32767.0", Short.class));
        assertEquals((byte) -128, convert("-1.28e2", Byte.class));
    }

    @Test
    void aFractionFailsNamingTheValueAndTheType() {
        for (Class<?> type : List.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class,
                byte.class, Byte.class, BigInteger.class)) {
            assertRefused("1.5", type, "1.5");
            assertRefused("-2.5", type, "-2.5");
            assertRefused("1e-3", type, "0.001");
            assertRefused("2.0000000000000000000001", type, "2.0000000000000000000001");
        }
    }

    @Test
    void aValueOutOfTheTypesRangeFailsNamingTheValueAndTheType() {
        assertRefused("2147483648.0", Integer.class, "2147483648");
        assertRefused("2147483648.0", int.class, "2147483648");
        assertRefused("-2147483649.0", Integer.class, "2147483649");
        assertRefused("1e30", Long.class, "1E+30");
        assertRefused("1e30", long.class, "1E+30");
        assertRefused("9223372036854775808.0", Long.class, "9223372036854775808");
        assertRefused("32768.0", Short.class, "32768");
        assertRefused("128.0", byte.class, "128");
        assertRefused("1e300", Integer.class, "1E+300");
        assertRefused("1.0E300", Integer.class, "1.0E300"); // a double's own text stays a double
        assertRefused("NaN", Integer.class, "NaN");
        assertRefused("Infinity", Long.class, "Infinity");
        assertRefused("1e99999999", BigInteger.class, "1E+99999999"); // refused, not expanded into 100 M digits
    }

    @Test
    void aResultReadIntoADeclaredIntegerTypeToo() throws Exception {
        assertEquals(2L, new ItemJson(Long.class).result(CODEC.readTree("2.0")));
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> new ItemJson(Integer.class).result(CODEC.readTree("1.5")));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("java.lang.Integer"), e.getMessage());
    }

    @Test
    void insideContainersToo() throws Exception {
        assertEquals(List.of(1, 2), convert("[1, 2.0]", new TypeReference<List<Integer>>() { }));
        assertEquals(Map.of("a", 3L), convert("{\"a\": 3.0}", new TypeReference<Map<String, Long>>() { }));
        JsonProcessingException inList = assertThrows(JsonProcessingException.class,
                () -> convert("[1, 1.5]", new TypeReference<List<Integer>>() { }));
        assertTrue(inList.getMessage().contains("1.5"), inList.getMessage());
        assertThrows(JsonProcessingException.class, () -> convert("{\"a\": 0.5}", new TypeReference<Map<String, Long>>() { }));
        // primitive arrays read their elements themselves: a fraction fails there too, never truncated
        assertArrayEquals(new int[] {1, 2}, (int[]) convert("[1, 2]", int[].class));
        assertThrows(JsonProcessingException.class, () -> convert("[1, 1.5]", int[].class));
        assertThrows(JsonProcessingException.class, () -> convert("[1.5]", long[].class));
    }

    @Test
    void integersAndOtherTokensAreConvertedAsBefore() throws Exception {
        assertEquals(5, convert("5", Integer.class));
        assertEquals(5L, convert("5", long.class));
        assertEquals(125, convert("\"125\"", Integer.class), "Jackson's scalar coercion of a numeric string stays");
        assertEquals(BigInteger.TEN.pow(40), convert("1" + "0".repeat(40), BigInteger.class));
        assertEquals(null, convert("null", Integer.class));
        assertThrows(JsonProcessingException.class, () -> convert("\"three\"", Integer.class));
        assertThrows(JsonProcessingException.class, () -> convert("2147483648", Integer.class), "overflow of an integer");
        JavaType doubles = CODEC.typeFactory().constructType(Double.class);
        assertEquals(1.5, CODEC.fromTree(CODEC.readTree("1.5"), doubles), "floating types are untouched");
    }
}
