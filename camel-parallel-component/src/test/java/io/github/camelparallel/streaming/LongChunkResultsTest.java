package io.github.camelparallel.streaming;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The thread backend reports a chunk's results in runs while the chunk still runs, not only at its end: a consumer of
 * a streamed batch gets the first items of a long chunk before its last item has run, and a list batch assembles the
 * runs in order. (Before runs, a 5,000-item chunk settled only when its last item returned.)
 */
class LongChunkResultsTest {

    @Test
    void theFirstResultsOfALongChunkReachTheConsumerBeforeTheChunkEnds() throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        Function<Integer, Object> task = n -> {
            if (n == 4_000) { // waits until the consumer has item 0, which lies in the same chunk
                try {
                    return firstSeen.await(30, TimeUnit.SECONDS) ? "released" : "never released";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
            return n;
        };
        List<Object> seen = new ArrayList<>();
        CamelContext context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:runs?task=#task&poolSize=1&chunkSize=5000&streaming=true")
                        .process(exchange -> {
                            Iterator<?> results = exchange.getMessage().getBody(Iterator.class);
                            while (results.hasNext()) {
                                seen.add(results.next());
                                firstSeen.countDown();
                            }
                        });
            }
        });
        try {
            TestContexts.send(context, "direct:in", IntStream.range(0, 5_000).boxed().toList());
        } finally {
            context.stop();
        }
        assertEquals(5_000, seen.size());
        assertEquals("released", seen.get(4_000));
        assertEquals(0, seen.get(0));
        assertEquals(4_999, seen.get(4_999));
    }

    @Test
    void aListBatchOfLongChunksComesBackWholeAndInOrder() throws Exception {
        Function<Integer, Long> cube = n -> (long) n * n * n;
        CamelContext context = TestContexts.started(Map.of("task", cube),
                TestContexts.route("direct:in", "parallel:runs?task=#task&poolSize=2&chunkSize=7777"));
        try {
            List<Integer> input = IntStream.range(0, 50_000).boxed().toList();
            List<?> out = TestContexts.send(context, "direct:in", input).getMessage().getBody(List.class);
            assertEquals(input.stream().map(n -> (long) n * n * n).toList(), out);
        } finally {
            context.stop();
        }
    }
}
