package io.github.camelparallel.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.camelparallel.ParallelTaskException;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.contract.ContractTasks;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result cache's behaviour on real routes: counts, versions, damaged entries, the bound, failures, user stores. */
class ResultCacheTest {

    private static final String COUNTED = "task=#class:" + ContractTasks.CountedCube.class.getName();

    @TempDir
    Path scratch;
    @TempDir
    Path cacheDir;

    @BeforeEach
    void scratch() {
        System.setProperty(ContractTasks.SCRATCH_PROPERTY, scratch.toString());
    }

    @AfterEach
    void noScratch() {
        System.clearProperty(ContractTasks.SCRATCH_PROPERTY);
    }

    @Test
    void hitsAndMissesAreCountedInHeaders() throws Exception {
        try (CamelContext context = started("parallel:c?cache=true&cacheDir=" + cacheDir + "&" + COUNTED)) {
            Exchange first = send(context, range(0, 10));
            assertEquals(0L, first.getMessage().getHeader("CamelParallelCacheHits"));
            assertEquals(10L, first.getMessage().getHeader("CamelParallelCacheMisses"));

            Exchange second = send(context, range(5, 15));
            assertEquals(5L, second.getMessage().getHeader("CamelParallelCacheHits"));
            assertEquals(5L, second.getMessage().getHeader("CamelParallelCacheMisses"));
            assertEquals(cubes(5, 15), second.getMessage().getBody(List.class), "hits and runs merged in input order");
            assertEquals(15, runs());
        }
    }

    @Test
    void changingTaskVersionMissesAndTheOldVersionStillHits() throws Exception {
        String base = "parallel:v?cache=true&cacheDir=" + cacheDir + "&" + COUNTED + "&taskVersion=";
        try (CamelContext context = started(base + "1")) {
            send(context, range(0, 10));
        }
        try (CamelContext context = started(base + "2")) {
            Exchange out = send(context, range(0, 10));
            assertEquals(10L, out.getMessage().getHeader("CamelParallelCacheMisses"));
            assertEquals(20, runs(), "version 2 computes everything again");
        }
        try (CamelContext context = started(base + "1")) {
            Exchange out = send(context, range(0, 10));
            assertEquals(10L, out.getMessage().getHeader("CamelParallelCacheHits"), "the store survived restarts");
            assertEquals(20, runs());
        }
    }

    @Test
    void aTruncatedOrCorruptedEntryIsRecomputedNeverReturned() throws Exception {
        try (CamelContext context = started("parallel:t?cache=true&cacheDir=" + cacheDir + "&" + COUNTED)) {
            send(context, range(0, 10));
            List<Path> entries = entries();
            assertEquals(10, entries.size());
            byte[] whole = Files.readAllBytes(entries.get(0));
            Files.write(entries.get(0), java.util.Arrays.copyOf(whole, whole.length - 3)); // truncated
            byte[] other = Files.readAllBytes(entries.get(1));
            other[other.length - 2] ^= 0x5; // one flipped bit pattern inside the value
            Files.write(entries.get(1), other);

            Exchange out = send(context, range(0, 10));
            assertEquals(cubes(0, 10), out.getMessage().getBody(List.class));
            assertEquals(8L, out.getMessage().getHeader("CamelParallelCacheHits"));
            assertEquals(2L, out.getMessage().getHeader("CamelParallelCacheMisses"));
            assertEquals(12, runs());

            Exchange third = send(context, range(0, 10));
            assertEquals(10L, third.getMessage().getHeader("CamelParallelCacheHits"), "the damaged entries were rewritten");
        }
    }

    @Test
    void evictionKeepsTheStoreUnderCacheMaxBytes() throws Exception {
        long bound = 16_384;
        try (CamelContext context = started("parallel:e?cache=true&cacheMaxBytes=" + bound + "&cacheDir=" + cacheDir
                + "&" + COUNTED)) {
            for (int from = 0; from < 1000; from += 100) {
                send(context, range(from, from + 100));
                long size = sizeOf(entries());
                assertTrue(size <= bound, "store of " + size + " bytes after items " + from + ".." + (from + 99));
            }
            assertTrue(entries().size() > 20, "the bound evicts, it does not empty the store: " + entries().size());
            Exchange recent = send(context, range(950, 1000));
            assertEquals(50L, recent.getMessage().getHeader("CamelParallelCacheHits"), "the most recent entries stay");
            Exchange old = send(context, range(0, 50));
            assertEquals(50L, old.getMessage().getHeader("CamelParallelCacheMisses"), "the least recent were evicted");
        }
    }

    @Test
    void failuresAreNotCachedUnlessCacheErrors() throws Exception {
        String failing = "task=#class:" + ContractTasks.FailsAtFive.class.getName() + "&onError=collect";
        try (CamelContext context = started("parallel:f?cache=true&cacheDir=" + cacheDir + "&" + failing)) {
            send(context, range(0, 10));
            Exchange again = send(context, range(0, 10));
            assertEquals(9L, again.getMessage().getHeader("CamelParallelCacheHits"));
            assertEquals(1L, again.getMessage().getHeader("CamelParallelCacheMisses"), "item 5 runs again");
            assertEquals(11, runs());
        }
        try (CamelContext context = started("parallel:g?cache=true&cacheErrors=true&cacheDir=" + cacheDir + "/errors&"
                + failing)) {
            send(context, range(0, 10));
            Exchange again = send(context, range(0, 10));
            assertEquals(10L, again.getMessage().getHeader("CamelParallelCacheHits"));
            assertEquals(21, runs(), "10 more for the first run, none for the second");
            Map<?, ?> errors = again.getMessage().getHeader("CamelParallelErrors", Map.class);
            CachedFailureException cached = assertInstanceOf(CachedFailureException.class, errors.get(5));
            assertEquals(IllegalStateException.class.getName(), cached.getOriginalType());
            assertTrue(cached.getMessage().contains("boom at 5"), cached.getMessage());
        }
    }

    @Test
    void aRememberedFailureEndsAnOrderedStreamAndNothingAfterItRuns() throws Exception {
        String uri = "parallel:sf?cache=true&cacheErrors=true&streaming=true&poolSize=1&chunkSize=20&cacheDir=" + cacheDir
                + "&task=#class:" + ContractTasks.FailsAtFive.class.getName();
        try (CamelContext context = started(uri)) {
            assertEquals(List.of(0, 1, 2, 3, 4), consumeUntilFailure(context));
            // the first batch's chunk may still be between its items when the failure reaches the consumer: count
            // from when it has stopped (no new run for 300 ms), so only the second batch's runs are compared
            int runsAfterFirst = settledRuns();
            assertEquals(List.of(0, 1, 2, 3, 4), consumeUntilFailure(context), "the same results, then the failure");
            assertEquals(runsAfterFirst, runs(), "items 0-4 come from the cache, 5 fails from it, 6-19 never start");
        }
    }

    private int settledRuns() throws Exception {
        int last = runs();
        long deadline = System.nanoTime() + 10_000_000_000L;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 300_000_000L && System.nanoTime() < deadline) {
            Thread.sleep(20);
            int now = runs();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return last;
    }

    private static List<Object> consumeUntilFailure(CamelContext context) {
        Exchange out = TestContexts.send(context, "direct:in", range(0, 20));
        List<Object> seen = new java.util.ArrayList<>();
        java.util.Iterator<?> results = out.getMessage().getBody(java.util.Iterator.class);
        ParallelTaskException failure = assertThrows(ParallelTaskException.class, () -> {
            while (results.hasNext()) {
                seen.add(results.next());
            }
        });
        assertEquals(5, failure.getIndex());
        return seen;
    }

    @Test
    void aUserStoreByReferenceIsUsed() throws Exception {
        Map<String, byte[]> entries = new ConcurrentHashMap<>();
        ResultCache store = new ResultCache() {
            @Override
            public byte[] get(String key) {
                return entries.get(key);
            }

            @Override
            public void put(String key, byte[] entry) {
                entries.put(key, entry);
            }
        };
        try (CamelContext context = TestContexts.started(Map.of("shared", store),
                TestContexts.route("direct:in", "parallel:u?cache=#shared&" + COUNTED))) {
            send(context, range(0, 10));
            assertEquals(10, entries.size());
            assertTrue(entries.keySet().stream().allMatch(k -> k.matches("[0-9a-f]{64}")), entries.keySet().toString());
            Exchange again = send(context, range(0, 10));
            assertEquals(10L, again.getMessage().getHeader("CamelParallelCacheHits"));
            assertEquals(10, runs());
        }
    }

    @Test
    void aYamlRouteTurnsTheCacheOn() throws Exception {
        Path yaml = scratch.resolve("cached.camel.yaml");
        Files.writeString(yaml, """
                - route:
                    from:
                      uri: direct:yaml
                      steps:
                        - to:
                            uri: parallel:yamlcached
                            parameters:
                              task: "#class:%s"
                              cache: true
                              cacheDir: "%s"
                              taskVersion: "v1"
                """.formatted(ContractTasks.CountedCube.class.getName(), cacheDir));
        try (CamelContext context = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getResourceLoader(context).resolveResource("file:" + yaml));
            context.start();
            TestContexts.send(context, "direct:yaml", range(0, 20));
            Exchange again = TestContexts.send(context, "direct:yaml", range(0, 20));
            assertEquals(cubes(0, 20), again.getMessage().getBody(List.class));
            assertEquals(20L, again.getMessage().getHeader("CamelParallelCacheHits"));
            assertEquals(20, runs());
        }
    }

    @Test
    void badCacheOptionsFailTheRouteNamingTheOption() throws Exception {
        assertStartFails("parallel:b1?cache=maybe&" + COUNTED, "Option cache of parallel:b1");
        assertStartFails("parallel:b2?cache=#nothing&" + COUNTED, "nothing");
        assertStartFails("parallel:b3?cache=true&cacheMaxBytes=0&cacheDir=" + cacheDir + "&" + COUNTED,
                "Option cacheMaxBytes of parallel:b3");
        assertStartFails("parallel:b4?cache=true&cacheDir=" + cacheDir, "needs taskVersion");
    }

    @Test
    void aRouteTaskIsCachedWithItsTaskVersion() throws Exception {
        try (CamelContext context = TestContexts.started(Map.of(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:r?cache=true&taskVersion=1&cacheDir=" + cacheDir);
                from("parallel:r").process(e -> {
                    ContractTasks.record("run");
                    e.getMessage().setBody("<" + e.getMessage().getBody(String.class) + ">");
                });
            }
        })) {
            send(context, List.of("a", "b"));
            Exchange again = send(context, List.of("a", "b"));
            assertEquals(List.of("<a>", "<b>"), again.getMessage().getBody(List.class));
            assertEquals(2, runs());
        }
    }

    @Test
    void itemsWithoutAJsonFormRunUncached() throws Exception {
        Function<Object, Object> identity = new Describe();
        try (CamelContext context = TestContexts.started(Map.of("describe", identity),
                TestContexts.route("direct:in", "parallel:n?cache=true&cacheDir=" + cacheDir + "&task=#describe"))) {
            List<Object> batch = List.of(new Object(), "text");
            send(context, batch);
            Exchange again = send(context, batch);
            assertNull(again.getException());
            assertEquals(1L, again.getMessage().getHeader("CamelParallelCacheHits"), "the string hits");
            assertEquals(1L, again.getMessage().getHeader("CamelParallelCacheMisses"), "the bare Object has no key");
        }
    }

    /** Describes any item. */
    public static class Describe implements Function<Object, Object> {
        @Override
        public Object apply(Object item) {
            return item.getClass().getSimpleName();
        }
    }

    private void assertStartFails(String uri, String expected) {
        Exception e = assertThrows(Exception.class, () -> started(uri).close());
        Throwable cause = e;
        StringBuilder messages = new StringBuilder();
        while (cause != null) {
            messages.append(cause.getMessage()).append(" / ");
            cause = cause.getCause();
        }
        assertTrue(messages.toString().contains(expected), messages.toString());
    }

    private static CamelContext started(String uri) throws Exception {
        return TestContexts.started(Map.of(), TestContexts.route("direct:in", uri));
    }

    private static Exchange send(CamelContext context, List<?> batch) {
        Exchange out = TestContexts.send(context, "direct:in", batch);
        if (out.getException() != null && !(out.getException() instanceof ParallelTaskException)) {
            throw new AssertionError(out.getException());
        }
        return out;
    }

    private int runs() throws IOException {
        return ContractTasks.count(scratch, "run");
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.walk(cacheDir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".tmp")).sorted().toList();
        }
    }

    private static long sizeOf(List<Path> files) throws IOException {
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        return total;
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static List<Long> cubes(int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> (long) n * n * n).toList();
    }
}
