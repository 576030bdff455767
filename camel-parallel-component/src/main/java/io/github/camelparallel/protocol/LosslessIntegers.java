package io.github.camelparallel.protocol;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.AccessPattern;

/**
 * Integer types (int/Integer, long/Long, short/Short, byte/Byte, BigInteger) read from a JSON number with a fraction or
 * an exponent only when nothing is lost. It exists because Jackson's {@code ACCEPT_FLOAT_AS_INT} (on by default)
 * truncates: {@code 1.5} sent to a task declared {@code Function<Integer, ...>} became {@code 1}, silently, and Jackson
 * 2.22 has no lossless mode (its coercion config only fails or truncates every float).
 * <p>
 * Guarantees: a number that is an integer in the type's range converts exactly ({@code 2.0} and {@code 1e3} and
 * {@code 2.50e1}; {@code -0.0} is 0, integer types have no negative zero); a fraction ({@code 1.5}, {@code 1e-3}), a
 * value out of the type's range ({@code 1e30} into a long, 2^31 into an int), {@code NaN} or an infinity fails with
 * Jackson's {@code InvalidFormatException}, naming the value and the type. A BigInteger is never expanded beyond
 * {@link FrameCodec#MAX_NUMBER_LENGTH} digits ({@code 1e99999999} fails). Every other token is read by Jackson's own
 * deserializer for the type, unchanged. {@link FrameCodec}'s mapper turns {@code ACCEPT_FLOAT_AS_INT} off, so what
 * does not come through here (the elements of an {@code int[]}, an {@code AtomicLong}) fails instead of truncating.
 * Stateless, thread-safe.
 */
final class LosslessIntegers extends StdScalarDeserializer<Object> {

    private static final long serialVersionUID = 1L;

    private final transient JsonDeserializer<?> standard;
    /** Most bits of the magnitude (Integer: 31), or -1 for BigInteger. */
    private final int maxBits;
    /** Most digits before the point; beyond, the value is out of range without building it. */
    private final int maxDigits;

    private LosslessIntegers(Class<?> type, JsonDeserializer<?> standard, int maxBits, int maxDigits) {
        super(type);
        this.standard = standard;
        this.maxBits = maxBits;
        this.maxDigits = maxDigits;
    }

    /** The deserializers for every integer type, as a module for the codec's mapper. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("camel-parallel-lossless-integers");
        add(module, int.class, Integer.class, 31, 10);
        add(module, long.class, Long.class, 63, 19);
        add(module, short.class, Short.class, 15, 5);
        add(module, byte.class, Byte.class, 7, 3);
        register(module, BigInteger.class, new LosslessIntegers(BigInteger.class,
                NumberDeserializers.BigIntegerDeserializer.instance, -1, FrameCodec.MAX_NUMBER_LENGTH));
        return module;
    }

    private static void add(SimpleModule module, Class<?> primitive, Class<?> wrapper, int maxBits, int maxDigits) {
        for (Class<?> type : new Class<?>[] { primitive, wrapper }) {
            JsonDeserializer<?> standard = NumberDeserializers.find(type, type.getName());
            register(module, type, new LosslessIntegers(type, standard, maxBits, maxDigits));
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void register(SimpleModule module, Class<?> type, LosslessIntegers deserializer) {
        module.addDeserializer((Class) type, (JsonDeserializer) deserializer); // one class serves several types
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
            return standard.deserialize(p, ctxt);
        }
        if (p.isNaN()) { // NaN, Infinity, -Infinity
            return ctxt.handleWeirdNumberValue(_valueClass, p.getNumberValue(), "not a finite number");
        }
        Number written = p.getNumberValue(); // as the tree or the text holds it, to name it in an error
        BigDecimal value = p.getDecimalValue();
        if (value.signum() == 0) {
            return exact(BigInteger.ZERO);
        }
        long digitsBeforePoint = (long) value.precision() - value.scale();
        if (digitsBeforePoint <= 0) { // 0 < |value| < 1
            return ctxt.handleWeirdNumberValue(_valueClass, written, "not an integer: its fraction would be lost");
        }
        if (digitsBeforePoint > maxDigits) {
            return ctxt.handleWeirdNumberValue(_valueClass, written, outOfRange());
        }
        BigInteger integer;
        try {
            integer = value.toBigIntegerExact();
        } catch (ArithmeticException fraction) {
            return ctxt.handleWeirdNumberValue(_valueClass, written, "not an integer: its fraction would be lost");
        }
        if (maxBits >= 0 && integer.bitLength() > maxBits) {
            return ctxt.handleWeirdNumberValue(_valueClass, written, outOfRange());
        }
        return exact(integer);
    }

    private String outOfRange() {
        return switch (maxBits) {
            case 31 -> "out of the range of int (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
            case 63 -> "out of the range of long (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")";
            case 15 -> "out of the range of short (" + Short.MIN_VALUE + " to " + Short.MAX_VALUE + ")";
            case 7 -> "out of the range of byte (" + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE + ")";
            default -> "more than " + maxDigits + " digits";
        };
    }

    private Object exact(BigInteger integer) {
        return switch (maxBits) {
            case 31 -> integer.intValue();
            case 63 -> integer.longValue();
            case 15 -> integer.shortValue();
            case 7 -> integer.byteValue();
            default -> integer;
        };
    }

    @Override
    public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
        return standard.getNullValue(ctxt); // a primitive's 0, or the failure FAIL_ON_NULL_FOR_PRIMITIVES asks for
    }

    @Override
    public AccessPattern getNullAccessPattern() {
        return standard.getNullAccessPattern();
    }

    @Override
    public Object getEmptyValue(DeserializationContext ctxt) throws JsonMappingException {
        return standard.getEmptyValue(ctxt);
    }

    @Override
    public AccessPattern getEmptyAccessPattern() {
        return standard.getEmptyAccessPattern();
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Integer;
    }
}
