package io.github.camelparallel.streaming;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A streamed batch cut short because its producer stopped (route or context stopping) never looks
 * like a finished one. The consumer's next {@code hasNext()} throws, naming how many results were handed out and that
 * the producer stopped, and an exchange whose split was consuming the stream fails instead of completing with part of
 * the results.
 */
class StoppedStreamTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void aSplitCutShortByARouteStopFailsItsExchange() throws Exception {
        // the stop races the split: before the fix about half the rounds completed with part of the results
        for (int round = 0; round < 4; round++) {
            splitStoppedMidway(round);
        }
    }

    private void splitStoppedMidway(int round) throws Exception {
        AtomicInteger split = new AtomicInteger();
        CountDownLatch someSplit = new CountDownLatch(20);
        Function<Integer, Integer> task = n -> {
            sleep(10);
            return n;
        };
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("streaming").to("parallel:s?task=#task&poolSize=2&streaming=true")
                        .split(body()).streaming()
                        .process(e -> {
                            split.incrementAndGet();
                            someSplit.countDown();
                        });
            }
        });
        context.getShutdownStrategy().setTimeout(1);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        ProducerTemplate template = context.createProducerTemplate();
        CompletableFuture<Exchange> sent = template.asyncSend("direct:in",
                e -> e.getIn().setBody(IntStream.range(0, 400).boxed().iterator()));
        assertTrue(someSplit.await(30, TimeUnit.SECONDS), "the split got going");
        context.getRouteController().stopRoute("streaming"); // graceful for 1 s, then the producer stops under it
        Exchange out = sent.get(30, TimeUnit.SECONDS);
        context.stop();
        context = null;
        if (split.get() == 400) {
            return; // the whole stream made it before the stop: complete is right
        }
        assertNotNull(out.getException(), "round " + round + ": an exchange that split " + split.get()
                + " of 400 results must fail");
    }

    @Test
    void aConsumerOnAnotherThreadSeesTheStopAsAnExceptionNamingTheCount() throws Exception {
        Function<Integer, Integer> task = n -> {
            sleep(1);
            return n;
        };
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("streaming")
                        .to("parallel:s?task=#task&poolSize=2&chunkSize=4&streaming=true");
            }
        });
        ProducerTemplate template = context.createProducerTemplate();
        Iterator<?> results = template.requestBody("direct:in", IntStream.range(0, 2000).boxed().iterator(),
                Iterator.class);
        int taken = 0;
        for (; taken < 50; taken++) {
            assertEquals(taken, results.next());
        }
        context.getRouteController().stopRoute("streaming");
        ParallelTaskException failure = assertThrows(ParallelTaskException.class, () -> {
            while (results.hasNext()) {
                results.next();
            }
        }, "a stream cut short by the stop must not end quietly");
        assertTrue(failure.getMessage().contains("50 results handed out"), failure.getMessage());
        assertTrue(failure.getMessage().contains("producer stopped"), failure.getMessage());
        assertEquals(50, failure.getIndex(), "the first result the consumer did not get");
        assertInstanceOf(java.util.concurrent.RejectedExecutionException.class, failure.getCause());
        assertTrue(((ResultIterator) results).isClosed());
        assertThrows(ParallelTaskException.class, results::hasNext, "and it stays failed");
    }

    @Test
    void aStreamTheConsumerClosedItselfStillEndsQuietly() throws Exception {
        Function<Integer, Integer> task = n -> n;
        context = TestContexts.started(Map.of("task", task), TestContexts.route("direct:in",
                "parallel:s?task=#task&poolSize=2&chunkSize=4&streaming=true"));
        ProducerTemplate template = context.createProducerTemplate();
        ResultIterator results = template.requestBody("direct:in", IntStream.range(0, 2000).boxed().iterator(),
                ResultIterator.class);
        assertEquals(0, results.next());
        results.close();
        assertFalse(results.hasNext(), "the consumer's own close ends its stream");
    }

    @Test
    void aStreamThatHadFinishedBeforeTheStopCanStillBeReadToItsEnd() throws Exception {
        Function<Integer, Integer> task = n -> n;
        context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("streaming").to("parallel:s?task=#task&poolSize=2&chunkSize=4&streaming=true");
            }
        });
        ProducerTemplate template = context.createProducerTemplate();
        ResultIterator results = template.requestBody("direct:in", IntStream.range(0, 8).boxed().iterator(),
                ResultIterator.class);
        assertEquals(0, results.next());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (results.doneCount() < 8 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(8, results.doneCount(), "the batch finished");
        context.getRouteController().stopRoute("streaming");
        int taken = 1;
        while (results.hasNext()) {
            assertEquals(taken++, results.next());
        }
        assertEquals(8, taken, "every result of a finished batch is still there");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
