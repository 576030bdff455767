package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pool stopped under a running batch ends that batch with an error by index: no hang, no silent drop. */
class PoolStoppedMidBatchTest {

    @Test
    void batchEndsWithAnErrorWhenItsPoolIsForcedToStop() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Function<Integer, Integer> task = n -> {
            started.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at " + n, e);
            }
            return n;
        };
        CamelContext context = TestContexts.create(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("batch").to("parallel:stopping?task=#task&poolSize=1&chunkSize=1&onError=collect");
            }
        });
        context.getExecutorServiceManager().setShutdownAwaitTermination(500);
        context.start();
        try {
            Future<Exchange> reply = context.createProducerTemplate().asyncSend("direct:in",
                    e -> e.getIn().setBody(IntStream.range(0, 20).boxed().toList()));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            context.getRouteController().stopRoute("batch", 200, TimeUnit.MILLISECONDS);
            Exchange out = reply.get(30, TimeUnit.SECONDS); // must not hang
            Throwable failure = out.getException();
            if (failure == null) {
                Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
                assertNotNull(errors, "unfinished items must be reported");
                assertTrue(((List<?>) out.getMessage().getBody()).size() == 20);
            } else {
                ParallelTaskException error = assertInstanceOf(ParallelTaskException.class, failure);
                assertTrue(error.getMessage().contains("did not finish"), error.getMessage());
            }
        } finally {
            context.stop();
        }
        SharedPoolTest.waitUntilNoThreadNamed("Parallel[stopping]");
    }
}
