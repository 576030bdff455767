package io.github.camelparallel.operations;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.ParallelTaskException;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import io.github.camelparallel.process.Behaviour;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping the context mid-batch: Camel's graceful shutdown waits for the batch up to its timeout (1 s here); the
 * items still unfinished then fail by index with a "shutting down" error, so the exchange completes and nothing is
 * dropped; afterwards no thread named after the pool and no worker process remains.
 */
class GracefulStopTest {

    @ParameterizedTest
    @ValueSource(strings = { "thread", "process", "route" })
    void stoppingMidBatchFailsTheRestByIndexAndLeavesNothingRunning(String backend) throws Exception {
        String pool = "graceful" + backend;
        CamelContext context;
        if (backend.equals("route")) {
            // the task is a route: its consumer defers its stop while items run through it
            context = TestContexts.create(Map.of(), TestContexts.route("direct:in", "parallel:" + pool
                    + "?poolSize=2&chunkSize=1"), new org.apache.camel.builder.RouteBuilder() {
                        @Override
                        public void configure() {
                            from("parallel:" + pool).bean(Behaviour.class, "apply");
                        }
                    });
        } else {
            context = TestContexts.create(Map.of(), TestContexts.route("direct:in", "parallel:" + pool
                    + "?backend=" + backend + "&poolSize=2&chunkSize=1&task=#class:" + Behaviour.class.getName()));
        }
        context.getShutdownStrategy().setTimeout(1);
        context.start();
        List<Long> workerPids = backend.equals("process")
                ? ((ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class).getPoolBackend(pool))
                        .workerPids()
                : List.of();
        List<String> items = IntStream.range(0, 40).mapToObj(i -> "sleep:200:" + i).toList(); // 4 s on 2 workers
        ProducerTemplate template = context.createProducerTemplate();
        CompletableFuture<Exchange> sent = template.asyncSend("direct:in", e -> e.getIn().setBody(items));
        Thread.sleep(700);
        long t0 = System.nanoTime();
        context.stop();
        Exchange out = sent.get(30, TimeUnit.SECONDS);
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 20, "the stop did not wait for the batch");

        ParallelTaskException failure = assertInstanceOf(ParallelTaskException.class, out.getException());
        assertTrue(failure.getMessage().contains("shutting down"), failure.getMessage());
        @SuppressWarnings("unchecked")
        SortedMap<Integer, Throwable> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, SortedMap.class);
        assertTrue(errors.size() > 0 && errors.size() < 40, "some items finished, the rest failed: " + errors.keySet());
        assertEquals(39, errors.lastKey(), "the last item failed by its index, nothing dropped");
        errors.values().forEach(e -> assertTrue(e instanceof RejectedExecutionException || e.getMessage() != null, e.toString()));
        assertTrue(errors.get(39).getMessage().contains("shutting down"), errors.get(39).toString());

        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && (TestContexts.threadsNamed(pool) > 0
                || workerPids.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)))) {
            Thread.sleep(50);
        }
        assertEquals(0, TestContexts.threadsNamed(pool), "no thread named after the pool");
        workerPids.forEach(pid -> assertTrue(!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "worker " + pid + " is gone"));
    }
}
