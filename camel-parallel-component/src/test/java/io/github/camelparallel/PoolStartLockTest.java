package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.backend.thread.ExecutorBackend;
import io.github.camelparallel.spi.BackendCapabilities;
import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.ParallelBackendFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool that is slow to start (a process pool waits for its workers' hello) holds back only the endpoints of its own
 * name: another name starts, serves and stops meanwhile. The slow start is a registry-bound backend whose start waits
 * on a latch.
 */
class PoolStartLockTest {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    @Test
    void aSlowPoolStartDoesNotHoldBackAnotherName() throws Exception {
        CamelContext context = TestContexts.started(Map.of("gated", gatedFactory()));
        String task = "&task=#class:" + BackendDiscoveryTest.Twice.class.getName();
        Producer slow = context.getEndpoint("parallel:slow?backend=gated" + task).createProducer();
        Producer slowToo = context.getEndpoint("parallel:slow?poolSize=-1" + task).createProducer();
        Producer fast = context.getEndpoint("parallel:fast?backend=thread&poolSize=2" + task).createProducer();
        try {
            CompletableFuture<Void> slowStarted = CompletableFuture.runAsync(() -> ServiceHelper.startService(slow));
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the gated pool began to start");
            CompletableFuture<Void> slowTooStarted = CompletableFuture.runAsync(() -> ServiceHelper.startService(slowToo));

            CompletableFuture.runAsync(() -> ServiceHelper.startService(fast)).get(30, TimeUnit.SECONDS);
            Exchange batch = new DefaultExchange(context);
            batch.getIn().setBody(List.of(1, 2, 3));
            fast.process(batch);
            assertNull(batch.getException());
            assertEquals(List.of(2, 4, 6), batch.getMessage().getBody());
            CompletableFuture.runAsync(() -> ServiceHelper.stopService(fast)).get(30, TimeUnit.SECONDS);

            assertFalse(slowStarted.isDone(), "the gated pool is still starting");
            assertFalse(slowTooStarted.isDone(), "a second endpoint of the slow name waits for its pool's start");
            gate.countDown();
            slowStarted.get(30, TimeUnit.SECONDS);
            slowTooStarted.get(30, TimeUnit.SECONDS);
            Exchange slowBatch = new DefaultExchange(context);
            slowBatch.getIn().setBody(List.of(7, 8));
            slowToo.process(slowBatch);
            assertNull(slowBatch.getException());
            assertEquals(List.of(14, 16), slowBatch.getMessage().getBody());
        } finally {
            gate.countDown();
            ServiceHelper.stopService(slow, slowToo, fast);
            context.stop();
        }
    }

    /** A thread backend whose start waits for {@link #gate}. */
    private ParallelBackendFactory gatedFactory() {
        return spec -> {
            ExecutorService[] pool = new ExecutorService[1];
            ParallelBackend inner = new ExecutorBackend(spec.name(), spec.poolSize(),
                    () -> pool[0] = java.util.concurrent.Executors.newFixedThreadPool(2),
                    executor -> pool[0].shutdownNow(), spec.scheduler());
            return new ParallelBackend() {
                @Override
                public BackendCapabilities capabilities() {
                    return inner.capabilities();
                }

                @Override
                public void start() throws Exception {
                    entered.countDown();
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                    inner.start();
                }

                @Override
                public void execute(Chunk chunk, ChunkListener listener) {
                    inner.execute(chunk, listener);
                }

                @Override
                public void runInCaller(Chunk chunk, ChunkListener listener) {
                    inner.runInCaller(chunk, listener);
                }

                @Override
                public void stop() {
                    inner.stop();
                }
            };
        };
    }
}
