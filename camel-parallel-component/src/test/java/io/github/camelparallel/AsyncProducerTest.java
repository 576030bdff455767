package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The producer is asynchronous: the calling thread returns while the batch is still running. */
class AsyncProducerTest {

    @Test
    void callerIsNotParkedWhileTheBatchRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Function<Integer, Integer> task = n -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return n * 2;
        };
        CamelContext context = TestContexts.started(Map.of("task", task));
        try {
            Producer producer = context.getEndpoint("parallel:async?task=#task&poolSize=2").createProducer();
            producer.start();
            Exchange exchange = new DefaultExchange(context);
            exchange.getIn().setBody(List.of(1, 2, 3));
            CountDownLatch done = new CountDownLatch(1);
            boolean sync = ((AsyncProcessor) producer).process(exchange, doneSync -> done.countDown());
            assertFalse(sync, "the batch must complete asynchronously");
            assertEquals(1, done.getCount(), "the caller came back before the batch finished");
            release.countDown();
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(List.of(2, 4, 6), exchange.getMessage().getBody());
            producer.stop();
        } finally {
            context.stop();
        }
    }
}
