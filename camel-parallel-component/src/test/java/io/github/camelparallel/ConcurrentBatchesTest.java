package io.github.camelparallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Many callers share one small pool while items fail, retry and nest: every batch gets exactly its own results in
 * order, and no thread of ours is left after the context stops.
 */
class ConcurrentBatchesTest {

    @Test
    void eightCallersFiftyBatchesEachOnOnePoolOfTwo() throws Exception {
        List<ProducerTemplate> holder = new ArrayList<>();
        Function<Integer, Integer> task = n -> {
            if (ThreadLocalRandom.current().nextInt(50) == 0) {
                throw new IllegalStateException("transient at " + n); // retried
            }
            if (n % 97 == 0) { // some items send a nested batch to the same pool
                List<?> inner = holder.get(0).requestBody("direct:in", List.of(1, 2, 3), List.class);
                return n + inner.size() - 3;
            }
            return n;
        };
        CamelContext context = TestContexts.started(Map.of("task", task),
                TestContexts.route("direct:in", "parallel:busy?task=#task&poolSize=2&maxRetries=10"));
        holder.add(context.createProducerTemplate());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int caller = c;
                futures.add(callers.submit(() -> {
                    for (int b = 0; b < 50; b++) {
                        int base = caller * 1_000_000 + b * 1000;
                        List<Integer> input = IntStream.range(base, base + 200).boxed().toList();
                        Exchange out = TestContexts.send(context, "direct:in", input);
                        assertNull(out.getException(), () -> "caller " + caller + ": " + out.getException());
                        assertEquals(input, out.getMessage().getBody());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            callers.shutdownNow();
            context.stop();
        }
        SharedPoolTest.waitUntilNoThreadNamed("Parallel[busy]");
        SharedPoolTest.waitUntilNoThreadNamed("ParallelTimer");
    }
}
