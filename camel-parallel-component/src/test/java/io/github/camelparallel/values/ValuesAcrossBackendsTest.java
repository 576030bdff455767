package io.github.camelparallel.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.values.HostileValues.Decimals;
import io.github.camelparallel.values.HostileValues.Monies;
import io.github.camelparallel.values.HostileValues.Untyped;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every value the thread backend returns exactly comes back equal ({@code equals}, BigDecimal scale
 * included) from a JVM worker process and from a Hazelcast member, or its item fails with an error naming the value's
 * class; never a different number. Items declared exactly ({@code Function<BigDecimal, ...>}, a record) arrive equal.
 */
class ValuesAcrossBackendsTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(String backend) throws Exception {
        context = TestContexts.started(Map.of(), new RouteBuilder() {
            @Override
            public void configure() {
                String options = "?backend=" + backend + "&poolSize=1&chunkSize=4&onError=collect&task=#class:";
                from("direct:decimals").to("parallel:decimals" + options + Decimals.class.getName());
                from("direct:monies").to("parallel:monies" + options + Monies.class.getName());
                from("direct:untyped").to("parallel:untyped" + options + Untyped.class.getName());
            }
        });
    }

    @ParameterizedTest(name = "backend={0}")
    @ValueSource(strings = { "thread", "process", "hazelcast" })
    void exactlyDeclaredValuesComeBackEqual(String backend) throws Exception {
        start(backend);
        assertAllEqual(HostileValues.DECIMALS, TestContexts.send(context, "direct:decimals", HostileValues.DECIMALS));
        assertAllEqual(HostileValues.MONIES, TestContexts.send(context, "direct:monies", HostileValues.MONIES));
    }

    @ParameterizedTest(name = "backend={0}")
    @ValueSource(strings = { "thread", "process", "hazelcast" })
    void valuesDeclaredOnlyAsObjectComeBackEqualOrFailNamingTheirClass(String backend) throws Exception {
        start(backend);
        List<Integer> indexes = IntStream.range(0, HostileValues.UNTYPED.size()).boxed().toList();
        Exchange out = TestContexts.send(context, "direct:untyped", indexes);
        assertNull(out.getException(), () -> "the batch itself succeeds: " + out.getException());
        List<?> results = out.getMessage().getBody(List.class);
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertEquals(indexes.size(), results.size());
        List<String> problems = new ArrayList<>();
        for (int i : indexes) {
            Object expected = HostileValues.UNTYPED.get(i);
            Object error = errors == null ? null : errors.get(i);
            if (error == null) {
                if (!java.util.Objects.equals(expected, results.get(i))) {
                    problems.add("item " + i + ": expected " + describe(expected) + " but got " + describe(results.get(i)));
                }
            } else {
                String message = String.valueOf(((Throwable) error).getMessage());
                if (HostileValues.EXACT_UNTYPED.contains(i)) {
                    problems.add("item " + i + " (" + describe(expected) + ") JSON carries exactly, but it failed: " + message);
                } else if (!message.contains(expected.getClass().getName()) || !message.contains("would not arrive equal")) {
                    problems.add("item " + i + " failed without naming " + expected.getClass().getName() + ": " + message);
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        if (!"thread".equals(backend)) {
            assertNotNull(errors, "a BigDecimal, a Long, a Float declared as Object cannot come back equal: they fail");
        }
    }

    private static void assertAllEqual(List<?> expected, Exchange out) {
        assertNull(out.getException(), () -> "the batch succeeds: " + out.getException());
        assertNull(out.getMessage().getHeader(ParallelConstants.ERRORS), () -> "no item failed: "
                + out.getMessage().getHeader(ParallelConstants.ERRORS));
        List<?> results = out.getMessage().getBody(List.class);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!java.util.Objects.equals(expected.get(i), results.get(i))) {
                problems.add("item " + i + ": expected " + describe(expected.get(i)) + " but got " + describe(results.get(i)));
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
