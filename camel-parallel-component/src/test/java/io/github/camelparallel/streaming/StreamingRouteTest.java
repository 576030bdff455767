package io.github.camelparallel.streaming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelTaskException;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.dispatch.ResultIterator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streaming inside real routes: a downstream {@code split(body()).streaming()} works on early results while later
 * items still run; a failing exchange, a split that stops early, and a stopping route each stop the batch and close
 * its input; {@code onError=fail} in input order hands out every item before the failed one even when they finish
 * after it; a task may consume a streamed batch of its own pool of one thread. A chunk expected to finish in
 * microseconds runs on the consumer's thread (within {@code poolSize}, in order, failures by index), chunks of slow
 * items stay on the pool; a run of skipped failures longer than the whole window does not stall the stream.
 */
class StreamingRouteTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void aStreamingSplitGetsTheFirstResultWhileTheLastItemStillWaits() throws Exception {
        CountDownLatch firstResultSplit = new CountDownLatch(1);
        AtomicBoolean lastItemSawIt = new AtomicBoolean();
        Function<Integer, Integer> task = n -> {
            if (n == 99) {
                try {
                    // runs only after the split has handled result 0: impossible if results came as one list
                    lastItemSawIt.set(firstResultSplit.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return n;
        };
        List<Object> split = new ArrayList<>();
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:s?task=#task&poolSize=2&chunkSize=1&streaming=true")
                        .split(body()).streaming()
                        .process(e -> {
                            synchronized (split) {
                                split.add(e.getMessage().getBody());
                            }
                            firstResultSplit.countDown();
                        });
            }
        });
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, 100).boxed().iterator());
        assertEquals(null, out.getException());
        assertTrue(lastItemSawIt.get(), "item 99 ran after the split had handled result 0");
        assertEquals(IntStream.range(0, 100).boxed().toList(), split);
    }

    @Test
    void aSplitThatStopsEarlyClosesTheResultsAndTheInput() throws Exception {
        CountingInput input = new CountingInput(10_000);
        Function<Integer, Integer> task = n -> n;
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:s?task=#task&poolSize=2&chunkSize=10&streaming=true")
                        .split(body()).streaming().stopOnException()
                        .process(e -> {
                            if (e.getMessage().getBody(Integer.class) == 25) {
                                throw new IllegalStateException("downstream failure at 25");
                            }
                        });
            }
        });
        Exchange out = TestContexts.send(context, "direct:in", input);
        assertTrue(out.getException() != null, "the split failed the exchange");
        assertTrue(input.closed.get(), "the input is closed");
        int read = input.pulled.get();
        assertTrue(read <= 26 + 4 * 10, read + " items read; the window allows 4 chunks of 10 past the 26 consumed");
        Thread.sleep(200);
        assertEquals(read, input.pulled.get(), "nothing read after the stop");
    }

    @Test
    void aFailingExchangeStopsTheBatch() throws Exception {
        CountingInput input = new CountingInput(10_000);
        ResultIterator[] seen = new ResultIterator[1];
        Function<Integer, Integer> task = n -> n;
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:s?task=#task&poolSize=2&chunkSize=10&streaming=true")
                        .process(e -> {
                            seen[0] = e.getMessage().getBody(ResultIterator.class);
                            seen[0].next();
                            throw new IllegalStateException("the route fails after one result");
                        });
            }
        });
        Exchange out = TestContexts.send(context, "direct:in", input);
        assertInstanceOf(IllegalStateException.class, out.getException());
        assertTrue(seen[0].isClosed(), "the failed exchange closed the results");
        assertTrue(input.closed.get(), "and the input");
        assertTrue(input.pulled.get() <= 1 + 4 * 10, input.pulled.get() + " items read");
    }

    @Test
    void stoppingTheRouteClosesResultsHandedOutOfIt() throws Exception {
        CountingInput input = new CountingInput(10_000);
        Function<Integer, Integer> task = n -> n;
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("streaming").to("parallel:s?task=#task&poolSize=2&chunkSize=10&streaming=true");
            }
        });
        ProducerTemplate template = context.createProducerTemplate();
        Iterator<?> results = template.requestBody("direct:in", input, Iterator.class);
        assertEquals(0, results.next(), "a completed exchange hands its open results to the caller");
        context.getRouteController().stopRoute("streaming");
        assertTrue(((ResultIterator) results).isClosed(), "the route's stop closed the results");
        assertTrue(input.closed.get(), "and the input");
        int read = input.pulled.get();
        Thread.sleep(200);
        assertEquals(read, input.pulled.get());
    }

    @Test
    void failInInputOrderHandsOutEveryItemBeforeTheFailedOneEvenWhenTheyFinishLater() throws Exception {
        AtomicInteger started = new AtomicInteger();
        Function<Integer, Integer> task = n -> {
            started.incrementAndGet();
            if (n == 0) {
                sleep(400);
            }
            if (n == 2) {
                throw new IllegalArgumentException("bad 2");
            }
            return n;
        };
        List<Object> got = new ArrayList<>();
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:s?task=#task&poolSize=3&chunkSize=1&maxInFlight=3&streaming=true")
                        .process(e -> {
                            Iterator<?> results = e.getMessage().getBody(Iterator.class);
                            try {
                                while (results.hasNext()) {
                                    got.add(results.next());
                                }
                            } catch (ParallelTaskException failure) {
                                got.add(failure);
                            }
                        });
            }
        });
        TestContexts.send(context, "direct:in", IntStream.range(0, 1000).boxed().iterator());
        assertEquals(List.of(0, 1), got.subList(0, 2), "item 0 finished after item 2 failed, and still came first");
        ParallelTaskException failure = assertInstanceOf(ParallelTaskException.class, got.get(2));
        assertEquals(2, failure.getIndex());
        assertEquals("bad 2", failure.getCause().getMessage());
        assertEquals(3, got.size());
        assertTrue(started.get() < 10, started.get() + " items started; nothing after the failure should");
    }

    @Test
    void anInputThatFailsEndsTheStreamWithTheErrorEvenUnderCollect() throws Exception {
        Iterator<Integer> input = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 50) {
                    throw new IllegalStateException("disk gone at 50");
                }
                return next++;
            }
        };
        Function<Integer, Integer> task = n -> n;
        List<Object> got = new ArrayList<>();
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:s?task=#task&poolSize=2&chunkSize=8&onError=collect&streaming=true")
                        .process(e -> {
                            Iterator<?> results = e.getMessage().getBody(Iterator.class);
                            try {
                                results.forEachRemaining(got::add);
                            } catch (ParallelTaskException failure) {
                                got.add(failure);
                            }
                        });
            }
        });
        TestContexts.send(context, "direct:in", input);
        assertEquals(IntStream.range(0, 50).boxed().toList(), got.subList(0, 50), "every item read before the error");
        ParallelTaskException failure = assertInstanceOf(ParallelTaskException.class, got.get(50));
        assertEquals("disk gone at 50", failure.getCause().getMessage());
        assertTrue(failure.getMessage().contains("reading the input failed after 50 items"), failure.getMessage());
    }

    @Test
    void aTaskConsumesAStreamedBatchOfItsOwnPoolOfOneThread() throws Exception {
        List<ProducerTemplate> template = new ArrayList<>();
        Function<Object, Object> task = item -> {
            if (item instanceof Integer n) {
                return n * 10;
            }
            // a list: stream it through the same pool of one thread and sum the results
            Iterator<?> results = template.get(0).requestBody("direct:inner", item, Iterator.class);
            int sum = 0;
            while (results.hasNext()) {
                sum += (Integer) results.next();
            }
            return sum;
        };
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:outer").to("parallel:one?task=#task&poolSize=1&chunkSize=1");
                from("direct:inner").to("parallel:one?task=#task&poolSize=1&chunkSize=1&streaming=true");
            }
        });
        template.add(context.createProducerTemplate());
        List<?> out = template.get(0).requestBody("direct:outer", List.of(List.of(1, 2, 3), List.of(4, 5)), List.class);
        assertEquals(List.of(60, 90), out);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    @Test
    void aLongRunOfSkippedFailuresDoesNotStallTheStream() throws Exception {
        Function<Integer, Integer> task = n -> {
            if (n < 5000) {
                throw new IllegalArgumentException("no " + n);
            }
            return n;
        };
        List<Object> results = new ArrayList<>();
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:s?task=#task&poolSize=1&streaming=true&onError=skip")
                        .process(e -> e.getMessage().getBody(ResultIterator.class).forEachRemaining(results::add));
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, 6000).boxed().iterator());
            assertEquals(null, out.getException());
        });
        assertEquals(IntStream.range(5000, 6000).boxed().toList(), results);
    }
}
