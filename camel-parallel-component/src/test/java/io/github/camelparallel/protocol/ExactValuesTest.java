package io.github.camelparallel.protocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JavaType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender's check that a value arrives equal, including the integers it lets through without a round trip. */
class ExactValuesTest {

    private static final FrameCodec CODEC = FrameCodec.SHARED;

    private static JavaType type(Class<?> type) {
        return CODEC.typeFactory().constructType(type);
    }

    @Test
    void integersDeclaredAsThemselvesArriveEqual() throws Exception {
        for (Object value : new Object[] { 5L, Long.MIN_VALUE, (short) -3, (byte) 7, new BigInteger("123456789012345678901234567890") }) {
            JavaType declared = type(value.getClass());
            String wire = new String(CODEC.writeBytes(CODEC.toExactTree(value, declared)), StandardCharsets.UTF_8);
            assertEquals(value, CODEC.fromTree(CODEC.readTree(wire), declared), wire);
        }
        assertEquals(5L, CODEC.fromTree(CODEC.toExactTree(5L, type(long.class)), type(long.class)));
    }

    @Test
    void aLongWhereOnlyObjectIsDeclaredPassesOnlyBeyondTheIntRange() {
        assertEquals(1L << 40, CODEC.toExactTree(1L << 40, type(Object.class)).longValue());
        assertEquals((long) Integer.MIN_VALUE - 1, CODEC.toExactTree((long) Integer.MIN_VALUE - 1, type(Object.class)).longValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CODEC.toExactTree(5L, type(Object.class)));
        assertTrue(e.getMessage().contains("would arrive as the Integer 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CODEC.toExactTree((long) Integer.MAX_VALUE, type(Object.class)));
        assertThrows(IllegalArgumentException.class, () -> CODEC.toExactTree((short) 5, type(Object.class)));
    }
}
