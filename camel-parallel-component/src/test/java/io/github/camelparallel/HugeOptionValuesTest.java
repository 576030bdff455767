package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.camelparallel.dispatch.AutoChunker;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A {@code poolSize} beyond what the backend can hold fails at route start naming the
 * option and the bound (it used to be accepted and then hang every batch: {@code 2 * poolSize} overflowed into a
 * negative window); Integer.MAX_VALUE for {@code maxInFlight}, {@code chunkSize} or {@code maxRetries} works; and a pool
 * option spelt in another case is compared with the pool's like any other.
 */
class HugeOptionValuesTest {

    private static final Function<Integer, Integer> TIMES_TEN = n -> n * 10;

    @ParameterizedTest
    @ValueSource(ints = { Integer.MAX_VALUE, 1 << 30, 32_768 })
    void aThreadPoolSizeBeyondTheBoundFailsAtStartNamingIt(int poolSize) throws Exception {
        CamelContext context = TestContexts.create(Map.of("task", TIMES_TEN),
                TestContexts.route("direct:in", "parallel:huge?task=#task&poolSize=" + poolSize));
        Exception error = assertThrows(Exception.class, context::start);
        String message = PoolSizeTest.rootCause(error).getMessage();
        assertTrue(message.contains("poolSize") && message.contains(String.valueOf(poolSize))
                && message.contains("32767"), message);
        context.stop();
    }

    @Test
    void theLargestThreadPoolSizeStillServes() throws Exception {
        assertEquals(List.of(10, 20, 30), runBatch("poolSize=32767&maxInFlight=4", List.of(1, 2, 3)));
    }

    @Test
    void maxValueForTheWindowChunkAndRetriesWorks() throws Exception {
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();
        List<Integer> expected = items.stream().map(n -> n * 10).toList();
        assertEquals(expected, runBatch("poolSize=2&maxInFlight=2147483647", items));
        assertEquals(expected, runBatch("poolSize=2&chunkSize=2147483647", items));
        assertEquals(expected, runBatch("poolSize=2&maxInFlight=2147483647&streaming=false&ordered=false", items)
                .stream().sorted().toList());
        AtomicInteger failures = new AtomicInteger();
        Function<Integer, Integer> flaky = n -> {
            if (n == 7 && failures.incrementAndGet() <= 3) {
                throw new IllegalStateException("flaky " + n);
            }
            return n * 10;
        };
        assertEquals(expected, runBatch(flaky, "poolSize=2&maxRetries=2147483647", items));
    }

    @Test
    void aStreamWithTheLargestWindowAndChunkWorks() throws Exception {
        Function<Integer, Integer> task = TIMES_TEN;
        CamelContext context = TestContexts.started(Map.of("task", task), TestContexts.route("direct:in",
                "parallel:huge?task=#task&poolSize=2&maxInFlight=2147483647&chunkSize=2147483647&streaming=true"));
        try {
            java.util.Iterator<?> results = context.createProducerTemplate().requestBody("direct:in",
                    IntStream.range(0, 100).boxed().iterator(), java.util.Iterator.class);
            for (int i = 0; i < 100; i++) {
                assertEquals(i * 10, results.next());
            }
            assertTrue(!results.hasNext());
        } finally {
            context.stop();
        }
    }

    @Test
    void theAutomaticChunkerTakesTheLargestParallelism() {
        for (int parallelism : new int[] { Integer.MAX_VALUE, 1 << 30 }) { // 4 * 2^30 overflowed to 0: / by zero
            AutoChunker chunker = new AutoChunker(parallelism, 5_000_000L, 50_000_000L);
            assertEquals(1, chunker.nextSize(1_000_000));
            chunker.record(1, 1_000);
            assertTrue(chunker.nextSize(1_000_000) >= 1);
        }
    }

    @Test
    void aPoolOptionSpeltInAnotherCaseIsCheckedAgainstThePool() throws Exception {
        CamelContext context = TestContexts.create(Map.of("task", TIMES_TEN),
                TestContexts.route("direct:a", "parallel:shared?task=#task&poolSize=1"),
                TestContexts.route("direct:b", "parallel:shared?task=#task&poolsize=2"));
        Exception error = assertThrows(Exception.class, context::start);
        String message = PoolSizeTest.rootCause(error).getMessage();
        assertTrue(message.contains("poolSize=1") && message.contains("poolSize=2"), message);
        context.stop();
    }

    @Test
    void aPoolOptionSpeltInAnotherCaseThatAgreesJoinsThePool() throws Exception {
        CamelContext context = TestContexts.started(Map.of("task", TIMES_TEN),
                TestContexts.route("direct:a", "parallel:shared?task=#task&poolSize=2"),
                TestContexts.route("direct:b", "parallel:shared?task=#task&POOLSIZE=2"));
        try {
            assertEquals(List.of(10), TestContexts.send(context, "direct:b", List.of(1)).getMessage().getBody());
        } finally {
            context.stop();
        }
    }

    private static List<?> runBatch(String options, List<Integer> items) throws Exception {
        return runBatch(TIMES_TEN, options, items);
    }

    private static List<?> runBatch(Function<Integer, Integer> task, String options, List<Integer> items)
            throws Exception {
        CamelContext context = TestContexts.started(Map.of("task", task),
                TestContexts.route("direct:in", "parallel:huge?task=#task&" + options));
        try {
            Exchange out = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                    () -> TestContexts.send(context, "direct:in", items), "the batch hangs with " + options);
            assertNull(out.getException(), options);
            return out.getMessage().getBody(List.class);
        } finally {
            context.stop();
        }
    }
}
