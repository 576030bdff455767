package io.github.camelparallel.values;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM task declared {@code Function<Integer, Integer>} in a worker process or on a
 * Hazelcast member gets {@code 2.0} as the Integer 2, and {@code 1.5} fails its own item, by index, naming the value and
 * the type; it is never truncated to 1 (it was, through Jackson's {@code ACCEPT_FLOAT_AS_INT}).
 */
class FloatsIntoIntegersTest {

    /** Ten times its Integer: only an Integer computation gives 10, 20. */
    public static class Tenfold implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer value) {
            return value * 10;
        }
    }

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @ParameterizedTest(name = "backend={0}")
    @ValueSource(strings = { "process", "hazelcast" })
    void anIntegralFloatConvertsAndAFractionFailsItsItemAlone(String backend) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:floats?backend=" + backend
                + "&poolSize=1&chunkSize=3&onError=collect&task=#class:" + Tenfold.class.getName()));
        Exchange out = TestContexts.send(context, "direct:in", Arrays.<Object>asList(1, 2.0, 1.5));
        assertNull(out.getException(), () -> "the batch itself succeeds: " + out.getException());
        List<?> results = out.getMessage().getBody(List.class);
        assertEquals(Arrays.asList(10, 20, null), results);
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertNotNull(errors, "item 2 failed");
        assertEquals(List.of(2), List.copyOf(errors.keySet()), "only item 2 failed: " + errors);
        String message = String.valueOf(((Throwable) errors.get(2)).getMessage());
        assertTrue(message.contains("1.5") && message.contains("java.lang.Integer"), message);
    }
}
