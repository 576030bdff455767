package io.github.camelparallel.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The protocol's one Jackson configuration, for {@link FrameCodec}: the factory every line is read and written
 * through, and the mapper for data binding, built from that factory on first use. Both are configured once and never
 * changed afterwards; thread-safe.
 */
final class ProtocolJackson {

    /** The streaming side: bare NaN/Infinity tokens both ways, numbers up to {@link FrameCodec#MAX_NUMBER_LENGTH}. */
    static final JsonFactory FACTORY = newFactory();

    private ProtocolJackson() {
    }

    /** The mapper (built on first use: see {@link Mapper}). */
    static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    private static JsonFactory newFactory() {
        return JsonFactory.builder()
                // NaN, Infinity, -Infinity as bare tokens, both ways (as Python's json module writes and reads them):
                // a Java NaN never becomes the string "NaN"
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                        .maxNumberLength(FrameCodec.MAX_NUMBER_LENGTH).build())
                .build();
    }

    /**
     * The data-binding side, built on first use: scalars never need it, and building a mapper costs a worker JVM a
     * third of its start (Jackson's date format set-up parses the JDK's locale data), so a worker of plain numbers and
     * strings answers its first run without it. Same factory, so lines read and written are the same either way.
     */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = newMapper(FACTORY);
    }

    private static ObjectMapper newMapper(JsonFactory factory) {
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // a BigDecimal's tree keeps its scale: 1.50 stays 1.50
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .addModule(new SimpleModule("camel-parallel-plain-values").addDeserializer(Object.class, new PlainValues()))
                // 2.0 is the Integer 2; 1.5 is refused, never truncated to 1 (Jackson's default); elsewhere a float
                // never becomes an integer type (an int[] element): it fails
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .addModule(LosslessIntegers.module())
                .build();
    }
}
