package io.github.camelparallel.values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Values that JSON does not carry by itself: BigDecimal digits and scale, integers beyond 64 bits,
 * longs beyond a double's 53 bits, -0.0, subnormals, floats, non-finite numbers, nested in lists, maps and records.
 * The tasks are public classes so that worker JVMs and cluster members run exactly what a pool thread runs.
 */
public final class HostileValues {

    private HostileValues() {
    }

    /** A record whose every field declares its exact type: everything in it must come back equal from every backend. */
    public record Money(BigDecimal amount, long cents, Long boxed, float rate, double ratio, BigInteger big,
            List<BigDecimal> parts, Map<String, Long> counts, short small) {
    }

    public static final List<BigDecimal> DECIMALS = List.of(new BigDecimal("1234567890.123456789012345678901234567890"),
            new BigDecimal("1.50"), new BigDecimal("1.5"), new BigDecimal("1E+3"), new BigDecimal("1000"),
            new BigDecimal("-0.00"), new BigDecimal("0.1"), new BigDecimal("100.0"), new BigDecimal("1E-400"),
            new BigDecimal("-98765432109876543210.000000000000000001"), new BigDecimal("9007199254740993"),
            new BigDecimal("2.5E+20"));

    public static final List<Money> MONIES = List.of(
            new Money(new BigDecimal("1.50"), Long.MAX_VALUE, Long.MIN_VALUE, 0.1f, -0.0, new BigInteger("18446744073709551617"),
                    List.of(new BigDecimal("0.10"), new BigDecimal("1E+3")), Map.of("max", Long.MAX_VALUE, "five", 5L), (short) -7),
            new Money(new BigDecimal("1234567890.123456789012345678901234567890"), 9_007_199_254_740_993L, 5L,
                    Float.MIN_VALUE, Double.MIN_VALUE, BigInteger.TWO.pow(200).negate(), List.of(), Map.of(), Short.MAX_VALUE),
            new Money(new BigDecimal("-0.00"), -1, null, Float.MAX_VALUE, Double.NaN, BigInteger.ZERO,
                    List.of(new BigDecimal("2.50")), Map.of("min", Long.MIN_VALUE), (short) 0),
            new Money(new BigDecimal("0"), 0, 0L, Float.NaN, Double.POSITIVE_INFINITY, BigInteger.ONE,
                    List.of(new BigDecimal("1E-400")), Map.of(), (short) 1),
            new Money(new BigDecimal("1E+3"), 1, 1L, -0.0f, Double.NEGATIVE_INFINITY, BigInteger.TEN.pow(40),
                    List.of(), Map.of(), (short) 2),
            new Money(new BigDecimal("7"), 3, 3L, 1.1f, Double.MAX_VALUE, BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                    List.of(), Map.of(), (short) 3));

    /**
     * Results returned where only {@code Object} is declared: each must come back equal, or fail its item naming its
     * class ({@link #EXACT_UNTYPED} are those that JSON does carry and must come back equal).
     */
    public static final List<Object> UNTYPED = Arrays.asList(
            /* 0 */ new BigDecimal("1234567890.123456789012345678901234567890"),
            /* 1 */ new BigDecimal("1.50"),
            /* 2 */ new BigDecimal("1.5"),
            /* 3 */ 5L,
            /* 4 */ Long.MAX_VALUE,
            /* 5 */ 9_007_199_254_740_993L,
            /* 6 */ new BigInteger("123456789012345678901234567890"),
            /* 7 */ BigInteger.valueOf(5),
            /* 8 */ -0.0,
            /* 9 */ Double.MIN_VALUE,
            /* 10 */ Double.MAX_VALUE,
            /* 11 */ 0.1,
            /* 12 */ 1e16,
            /* 13 */ Double.NaN,
            /* 14 */ Double.POSITIVE_INFINITY,
            /* 15 */ Double.NEGATIVE_INFINITY,
            /* 16 */ 0.1f,
            /* 17 */ -0.0f,
            /* 18 */ Integer.MIN_VALUE,
            /* 19 */ "NaN",
            /* 20 */ list(1, 2.5, "x", -0.0, Double.NaN),
            /* 21 */ list(1L, 2),
            /* 22 */ list(new BigDecimal("2.50")),
            /* 23 */ map("a", 1.5, "b", Long.MIN_VALUE, "c", list(-0.0)),
            /* 24 */ map("a", 5L),
            /* 25 */ MONIES.get(0),
            /* 26 */ null);

    /** Indexes of {@link #UNTYPED} that JSON carries exactly to an {@code Object}: they must come back equal. */
    public static final List<Integer> EXACT_UNTYPED = List.of(4, 6, 8, 9, 10, 11, 12, 13, 14, 15, 18, 19, 20, 23, 26);

    private static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Returns its BigDecimal: the item must arrive equal and the result come back equal. */
    public static class Decimals implements Function<BigDecimal, BigDecimal> {
        @Override
        public BigDecimal apply(BigDecimal value) {
            return value;
        }
    }

    /** Returns its record: every field declared exactly. */
    public static class Monies implements Function<Money, Money> {
        @Override
        public Money apply(Money value) {
            return value;
        }
    }

    /** Returns {@code UNTYPED.get(index)}, declared only as {@code Object}. */
    public static class Untyped implements Function<Integer, Object> {
        @Override
        public Object apply(Integer index) {
            return UNTYPED.get(index);
        }
    }
}
