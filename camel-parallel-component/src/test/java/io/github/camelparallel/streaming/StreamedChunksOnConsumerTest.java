package io.github.camelparallel.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.camelparallel.TestContexts;
import io.github.camelparallel.dispatch.ResultIterator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a streamed batch's chunks run on the thread backend: a chunk expected to finish in microseconds runs on the
 * consumer's thread when it pumps (no hand-off and wake-up per chunk), on a slot the pool lends, so {@code poolSize}
 * still bounds what runs at once; results stay in order and a failing item still fails alone; chunks of slow items stay
 * on the pool's threads.
 */
class StreamedChunksOnConsumerTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void tinyChunksRunOnTheConsumerWithinPoolSizeInOrderWithPerItemErrors() throws Exception {
        int items = 200_000;
        Map<String, Integer> itemsByThread = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        Function<Integer, Integer> task = n -> {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                itemsByThread.merge(Thread.currentThread().getName(), 1, Integer::sum);
                if (n % 1000 == 7) {
                    throw new IllegalArgumentException("no " + n);
                }
                return 2 * n;
            } finally {
                running.decrementAndGet();
            }
        };
        String[] consumer = new String[1];
        ResultIterator[] stream = new ResultIterator[1];
        List<Object> results = new ArrayList<>();
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:s?task=#task&poolSize=2&streaming=true&onError=collect")
                        .process(e -> {
                            consumer[0] = Thread.currentThread().getName();
                            stream[0] = e.getMessage().getBody(ResultIterator.class);
                            stream[0].forEachRemaining(results::add);
                        });
            }
        });
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, items).boxed().iterator());
        assertNull(out.getException());
        assertEquals(items, results.size());
        for (int i = 0; i < items; i++) {
            assertEquals(i % 1000 == 7 ? null : 2 * i, results.get(i), "result " + i);
        }
        assertEquals(items / 1000, stream[0].failedCount());
        assertTrue(stream[0].errors().get(items - 993).getMessage().contains("no " + (items - 993)));
        assertTrue(itemsByThread.getOrDefault(consumer[0], 0) > 0,
                "no item ran on the consumer " + consumer[0] + ": " + itemsByThread);
        assertTrue(mostRunning.get() <= 2, mostRunning.get() + " items ran at once on a pool of 2");
    }

    @Test
    void chunksOfSlowItemsStayOnThePool() throws Exception {
        Map<String, Integer> itemsByThread = new ConcurrentHashMap<>();
        Function<Integer, Integer> task = n -> {
            itemsByThread.merge(Thread.currentThread().getName(), 1, Integer::sum);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return n;
        };
        String[] consumer = new String[1];
        List<Object> results = new ArrayList<>();
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:s?task=#task&poolSize=2&streaming=true").process(e -> {
                    consumer[0] = Thread.currentThread().getName();
                    e.getMessage().getBody(ResultIterator.class).forEachRemaining(results::add);
                });
            }
        });
        for (int round = 0; round < 3; round++) { // later batches know the items are slow from the start
            results.clear();
            Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, 40).boxed().iterator());
            assertNull(out.getException());
            assertEquals(IntStream.range(0, 40).boxed().toList(), results);
        }
        assertEquals(0, itemsByThread.getOrDefault(consumer[0], 0), "slow items ran on the consumer: " + itemsByThread);
    }
}
