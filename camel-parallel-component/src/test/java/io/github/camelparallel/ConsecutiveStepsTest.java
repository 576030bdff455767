package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two parallel: steps in a row: the second honours its own poolSize, because the exchange does not continue on a
 * thread of the first pool (which would make the second step a "nested" batch that the caller helps with).
 */
class ConsecutiveStepsTest {

    @Test
    void secondStepWithPoolSizeOneRunsOneItemAtATimeOnItsOwnPool() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Set<String> serialThreads = ConcurrentHashMap.newKeySet();
        Function<Integer, Integer> first = n -> n + 1;
        Function<Integer, Integer> serial = n -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            serialThreads.add(Thread.currentThread().getName());
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return n * 2;
        };
        CamelContext context = TestContexts.started(Map.of("first", first, "serial", serial), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in")
                        .to("parallel:first?task=#first&poolSize=2&chunkSize=1")
                        .to("parallel:serial?task=#serial&poolSize=1&chunkSize=1");
            }
        });
        try {
            List<Integer> input = IntStream.range(0, 40).boxed().toList();
            Object out = TestContexts.send(context, "direct:in", input).getMessage().getBody();
            assertEquals(input.stream().map(n -> (n + 1) * 2).toList(), out);
            assertEquals(1, maxRunning.get(), "poolSize=1 must mean one item at a time");
            assertEquals(1, serialThreads.size(), serialThreads.toString());
            assertTrue(serialThreads.iterator().next().contains("Parallel[serial]"), serialThreads.toString());
        } finally {
            context.stop();
        }
    }
}
