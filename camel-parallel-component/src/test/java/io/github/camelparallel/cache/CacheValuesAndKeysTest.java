package io.github.camelparallel.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.camelparallel.TestContexts;
import io.github.camelparallel.values.HostileValues;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the result cache: a hit is exactly the value the task returned (BigDecimal scale,
 * Long, -0.0, NaN, records), and items that differ only by type, or batches that differ in what {@code cacheKey}
 * names, never get each other's results.
 */
class CacheValuesAndKeysTest {

    @TempDir
    Path cacheDir;

    public record Circle(double size) {
    }

    public record Square(double size) {
    }

    /** What the item is, down to the classes inside it: a task for which 5 and 5L are different items. */
    public static class TypeOf implements Function<Object, String> {
        static final AtomicInteger RUNS = new AtomicInteger();

        @Override
        public String apply(Object item) {
            RUNS.incrementAndGet();
            return describe(item);
        }

        static String describe(Object item) {
            if (item instanceof List<?> list) {
                return "List" + list.stream().map(TypeOf::describe).toList();
            }
            if (item instanceof Map<?, ?> map) {
                List<String> entries = new ArrayList<>();
                map.forEach((k, v) -> entries.add(describe(k) + "=" + describe(v)));
                return "Map" + entries;
            }
            if (item instanceof Circle c) {
                return "circle of area " + Math.PI * c.size() * c.size();
            }
            if (item instanceof Square s) {
                return "square of area " + s.size() * s.size();
            }
            return item == null ? "null" : item.getClass().getSimpleName() + ":" + item;
        }
    }

    private CamelContext started(String uri) throws Exception {
        return TestContexts.started(Map.of(), TestContexts.route("direct:in", uri));
    }

    @Test
    void hitsAreExactlyTheValuesTheTaskReturned() throws Exception {
        String cache = "?cache=true&cacheDir=" + cacheDir + "&onError=collect&task=#class:";
        try (CamelContext context = TestContexts.started(Map.of(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:decimals").to("parallel:cd" + cache + HostileValues.Decimals.class.getName());
                from("direct:monies").to("parallel:cm" + cache + HostileValues.Monies.class.getName());
                from("direct:untyped").to("parallel:cu" + cache + HostileValues.Untyped.class.getName());
            }
        })) {
            for (int round = 0; round < 2; round++) {
                assertEqualValues(HostileValues.DECIMALS, TestContexts.send(context, "direct:decimals", HostileValues.DECIMALS));
                assertEqualValues(HostileValues.MONIES, TestContexts.send(context, "direct:monies", HostileValues.MONIES));
                List<Integer> indexes = IntStream.range(0, HostileValues.UNTYPED.size()).boxed().toList();
                assertEqualValues(HostileValues.UNTYPED, TestContexts.send(context, "direct:untyped", indexes));
            }
            Exchange decimals = TestContexts.send(context, "direct:decimals", HostileValues.DECIMALS);
            assertEquals((long) HostileValues.DECIMALS.size(), decimals.getMessage().getHeader("CamelParallelCacheHits"),
                    "BigDecimals declared as such are cached");
            Exchange monies = TestContexts.send(context, "direct:monies", HostileValues.MONIES);
            assertEquals((long) HostileValues.MONIES.size(), monies.getMessage().getHeader("CamelParallelCacheHits"),
                    "records of exactly declared fields are cached");
        }
    }

    @Test
    void itemsThatDifferOnlyByTypeDoNotShareAKey() throws Exception {
        try (CamelContext context = started("parallel:types?cache=true&cacheDir=" + cacheDir + "&task=#class:"
                + TypeOf.class.getName())) {
            List<List<Object>> pairs = List.of(
                    List.of(new Circle(1.0), new Square(1.0)),
                    List.of(5, 5L),
                    List.of(5.0, 5.0f),
                    List.of(new java.math.BigDecimal("1.5"), new java.math.BigDecimal("1.50")),
                    List.of(List.of(5), List.of(5L)),
                    List.of(Map.of(1, "x"), Map.of("1", "x")),
                    List.of(List.of(Map.of("k", 1)), List.of(Map.of("k", (short) 1))),
                    List.of("NaN", Double.NaN));
            for (List<Object> pair : pairs) {
                for (Object item : pair) { // one batch each: the second must not hit the first's entry
                    Exchange out = TestContexts.send(context, "direct:in", List.of(item));
                    assertNull(out.getException());
                    assertEquals(List.of(TypeOf.describe(item)), out.getMessage().getBody(List.class),
                            "item " + TypeOf.describe(item) + " after " + TypeOf.describe(pair.get(0)));
                }
            }
            int runs = TypeOf.RUNS.get();
            Exchange again = TestContexts.send(context, "direct:in", List.of(new Circle(1.0), 5L));
            assertEquals(2L, again.getMessage().getHeader("CamelParallelCacheHits"), "equal items of equal type still hit");
            assertEquals(runs, TypeOf.RUNS.get());
        }
    }

    @Test
    void cacheKeyMixesWhatTheTaskReadsBesidesTheItemIntoTheKey() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (CamelContext context = TestContexts.started(Map.of(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:greet?cache=true&taskVersion=1&cacheKey=${header.lang}&cacheDir=" + cacheDir);
                from("parallel:greet").process(e -> {
                    runs.incrementAndGet();
                    String name = e.getIn().getBody(String.class);
                    e.getIn().setBody(("fr".equals(e.getIn().getHeader("lang")) ? "bonjour " : "hello ") + name);
                });
            }
        })) {
            assertEquals(List.of("hello ann"), greet(context, "en"));
            assertEquals(List.of("bonjour ann"), greet(context, "fr"), "another header value is another key");
            assertEquals(List.of("hello ann"), greet(context, "en"));
            assertEquals(List.of("bonjour ann"), greet(context, "fr"));
            assertEquals(2, runs.get(), "each language ran once, then came from the cache");
        }
    }

    private static List<?> greet(CamelContext context, String lang) {
        Exchange out = context.createProducerTemplate().send("direct:in", e -> {
            e.getIn().setBody(List.of("ann"));
            e.getIn().setHeader("lang", lang);
        });
        assertNull(out.getException());
        return out.getMessage().getBody(List.class);
    }

    private static void assertEqualValues(List<?> expected, Exchange out) {
        assertNull(out.getException(), () -> "the batch succeeds: " + out.getException());
        assertNull(out.getMessage().getHeader("CamelParallelErrors"));
        List<?> results = out.getMessage().getBody(List.class);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!java.util.Objects.equals(expected.get(i), results.get(i))) {
                problems.add("item " + i + ": expected " + TypeOf.describe(expected.get(i)) + " but got "
                        + TypeOf.describe(results.get(i)));
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }
}
