package io.github.camelparallel.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.remote.RemoteTaskException;
import io.github.camelparallel.contract.ContractTasks;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load and concurrency, run over each backend by a subclass: {@value #PRODUCERS} producer threads send
 * {@value #BATCHES} small batches each to one shared pool of two, with {@code onError=collect}; items ending in 3 fail
 * ({@link ContractTasks.FailsOnThrees}), the others give 2n. On the in-JVM backends every item ending in 7 first sends
 * a nested batch of the three items after it to the same pool from inside its task (the nesting that deadlocks naive
 * pools). Each batch must come back whole and in order (2n at every index, an error at every index ending in 3 and
 * nowhere else), no producer may hang (a hard bound), and afterwards this JVM's threads and child processes are back
 * to the baseline.
 */
abstract class LoadSuite {

    static final int PRODUCERS = 8;
    static final int BATCHES = 500;
    static final long BOUND_MINUTES = 5;

    private CamelContext context;

    protected abstract String backendName();

    /** URI options selecting the backend. */
    protected abstract String backendOptions();

    /** True where a task may send to this JVM's routes (thread and virtual). */
    protected boolean nested() {
        return false;
    }

    /** Stops whatever else the subclass started, after the context. */
    protected void stopOthers() {
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        stopOthers();
    }

    @Test
    void eightProducersFiveHundredBatchesEachOnOneSharedPool() throws Exception {
        ChaosLeaks leaks = ChaosLeaks.baseline();
        String pool = "load" + backendName();
        List<ProducerTemplate> nestedSender = new ArrayList<>();
        AtomicLong nestedBatches = new AtomicLong();
        Function<Integer, Integer> plain = new ContractTasks.FailsOnThrees();
        Function<Integer, Integer> withNested = n -> {
            if (n % 10 == 7) {
                List<?> inner = nestedSender.get(0).requestBody("direct:load", List.of(n + 1, n + 2, n + 3),
                        List.class);
                assertEquals(List.of(2 * n + 2, 2 * n + 4, 2 * n + 6), inner, "nested batch of " + n);
                nestedBatches.incrementAndGet();
            }
            return plain.apply(n);
        };
        String task = nested() ? "#task" : "#class:" + ContractTasks.FailsOnThrees.class.getName();
        context = TestContexts.started(Map.of("task", withNested), TestContexts.route("direct:load", "parallel:" + pool
                + "?" + backendOptions() + "&poolSize=2&onError=collect&task=" + task));
        ProducerTemplate template = context.createProducerTemplate();
        nestedSender.add(template);
        AtomicLong items = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ChaosTally tally = new ChaosTally("load " + backendName(), "producers", "batches", "items", "errors",
                "nestedBatches", "leaks");
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                done.add(producers.submit(() -> {
                    Random random = new Random(producer);
                    for (int b = 0; b < BATCHES; b++) {
                        int base = producer * 1_000_000 + b * 100;
                        List<Integer> input = new ArrayList<>();
                        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                            input.add(base + i);
                        }
                        Exchange out = template.send("direct:load", e -> e.getIn().setBody(input));
                        errors.addAndGet(check(input, out, "producer " + producer + " batch " + b));
                        items.addAndGet(input.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(BOUND_MINUTES, TimeUnit.MINUTES); // a deadlock fails here, it does not hang the build
            }
        } finally {
            producers.shutdownNow();
        }
        template.stop();
        context.stop();
        context = null;
        stopOthers();
        List<String> left = leaks.awaitBack(20_000);
        tally.add("producers", PRODUCERS);
        tally.add("batches", (long) PRODUCERS * BATCHES);
        tally.add("items", items.get());
        tally.add("errors", errors.get());
        tally.add("nestedBatches", nestedBatches.get());
        tally.add("leaks", left.size());
        tally.report();
        assertEquals(List.of(), left, "threads and processes back to the baseline");
        if (nested()) {
            assertTrue(nestedBatches.get() > 0, "nested batches ran");
        }
    }

    /** 2n at every index, an error at (and only at) every index whose value ends in 3; returns the errors. */
    private static int check(List<Integer> input, Exchange out, String where) {
        assertNull(out.getException(), () -> where + " failed: " + out.getException());
        List<?> results = out.getMessage().getBody(List.class);
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertEquals(input.size(), results.size(), where);
        int failed = 0;
        for (int i = 0; i < input.size(); i++) {
            int n = input.get(i);
            int index = i;
            Throwable error = errors == null ? null : (Throwable) errors.get(i);
            if (n % 10 == 3) {
                failed++;
                assertNull(results.get(i), where + " index " + i);
                String type = error instanceof RemoteTaskException remote ? remote.getRemoteType()
                        : error == null ? "no error" : error.getClass().getName();
                assertEquals(IllegalArgumentException.class.getName(), type, where + " index " + i);
            } else {
                assertNull(error, () -> where + " index " + index + " failed: " + error);
                assertEquals(2 * n, ((Number) results.get(i)).intValue(), where + " index " + i);
            }
        }
        assertEquals(failed, errors == null ? 0 : errors.size(), where + ": errors only where due");
        return failed;
    }
}
