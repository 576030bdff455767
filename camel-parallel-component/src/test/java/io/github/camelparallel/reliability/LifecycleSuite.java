package io.github.camelparallel.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.ParallelTaskException;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.process.Behaviour;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lifecycle under load, run over a backend by a subclass: a batch of 40 sleeping items is cut into again and again by
 * stopping and starting its route, stopping the context and starting a new one in its place, or suspending and
 * resuming the route or the context. Every time: the exchange completes within a hard bound, and each item either
 * finished (its own result at its index) or failed by its index; an item reported finished by a batch that failed as
 * a whole really finished (checked against the task's own record, where the task runs in this JVM); afterwards the
 * pool serves again and no more worker processes live than the pool holds. At the end no thread or process is left.
 * {@value #CYCLES_PROPERTY} sets the cycles ({@code -Pchaos}: 50 of each); without it each backend runs
 * {@link #quickCycles()}. A stop waits 300 ms for the batch (Camel's graceful shutdown), so it cuts it short; a
 * suspend waits up to 30 s, so the batch finishes.
 */
abstract class LifecycleSuite {

    static final String CYCLES_PROPERTY = "lifecycle.cycles";
    static final int ITEMS = 40;
    static final long BOUND_SECONDS = 60;

    /** Items that finished inside this JVM's task, as "cycle.index" (empty for worker processes). */
    protected static final Set<String> FINISHED = ConcurrentHashMap.newKeySet();

    private final Random random = new Random();
    private ChaosLeaks leaks;
    private ChaosTally tally;
    protected CamelContext context;

    protected abstract String backendName();

    /** URI options selecting the backend and the task. */
    protected abstract String backendOptions();

    protected abstract int quickCycles();

    /** True when the task runs in this JVM and records what finished in {@link #FINISHED}. */
    protected boolean recordsFinished() {
        return false;
    }

    /** Live worker processes of this test beyond the baseline; at most the pool size after every cycle. */
    protected int maxProcesses() {
        return 0;
    }

    /** The task bean the thread backend's subclass names with {@code task=#recording}: Behaviour, recorded. */
    static Function<String, String> recordingBehaviour() {
        Behaviour behaviour = new Behaviour();
        return item -> {
            String result = behaviour.apply(item);
            FINISHED.add(item.substring(item.lastIndexOf(':') + 1));
            return result;
        };
    }

    @BeforeEach
    void baseline() {
        FINISHED.clear();
        leaks = ChaosLeaks.baseline();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (context != null) {
            context.stop();
        }
        if (tally != null) {
            List<String> left = leaks.awaitBack(20_000);
            tally.add("leaks", left.size());
            tally.report();
            assertEquals(List.of(), left, "threads and processes left after the lifecycle cycles");
        }
    }

    /** Starts the context; Camel's graceful stop and suspend wait up to {@code shutdownMillis} for a batch. */
    private void start(String name, long shutdownMillis) throws Exception {
        context = newContext(shutdownMillis);
        tally = new ChaosTally("lifecycle " + backendName() + " " + name, "cycles", "items", "finished",
                "failedByIndex", "batchesCutShort", "rejectedByCamelAfterTheBatch", "leaks");
    }

    private CamelContext newContext(long shutdownMillis) throws Exception {
        String pool = "life" + backendName();
        CamelContext created = TestContexts.create(Map.of("recording", recordingBehaviour()), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("batch").to("parallel:" + pool + "?" + backendOptions()
                        + "&poolSize=2&chunkSize=1&onError=collect");
            }
        });
        created.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        created.getShutdownStrategy().setTimeout(shutdownMillis);
        created.start();
        return created;
    }

    private int cycles() {
        return Integer.getInteger(CYCLES_PROPERTY, quickCycles());
    }

    @Test
    void routeStoppedAndStartedMidBatch() throws Exception {
        start("route-stop-start", 300);
        cycle(true, () -> {
            context.getRouteController().stopRoute("batch", 300, TimeUnit.MILLISECONDS);
            context.getRouteController().startRoute("batch");
        });
    }

    /**
     * The application's context stopped mid-batch and a new one started in its place, as camel-main restarts. (The
     * same CamelContext object cannot be restarted after a stop whose timeout expired: Camel 4.22 keeps its shutdown
     * strategy "forcing" and rejects every exchange of the restarted context, with or without a parallel: step.)
     */
    @Test
    void contextStoppedAndStartedMidBatch() throws Exception {
        start("context-stop-start", 300);
        cycle(true, () -> {
            context.stop();
            context = newContext(300);
        });
    }

    /**
     * A suspend waits for the batch (within the shutdown timeout, 30 s here): nothing is cut, every item finishes.
     * (A suspend whose timeout expires is a forced stop, the case above.)
     */
    @Test
    void contextSuspendedAndResumedMidBatch() throws Exception {
        start("context-suspend-resume", 30_000);
        cycle(false, () -> {
            context.suspend();
            assertEquals(ServiceStatus.Suspended, context.getStatus());
            context.resume();
        });
    }

    @Test
    void routeSuspendedAndResumedMidBatch() throws Exception {
        start("route-suspend-resume", 30_000);
        cycle(false, () -> {
            context.getRouteController().suspendRoute("batch", 30, TimeUnit.SECONDS);
            context.getRouteController().resumeRoute("batch");
        });
    }

    /** An action on the context, cut into a running batch. */
    interface Cut {
        void apply() throws Exception;
    }

    /** Cuts into {@link #cycles()} batches; {@code mayCutShort} false: every item must finish despite the cut. */
    private void cycle(boolean mayCutShort, Cut cut) throws Exception {
        for (int c = 0; c < cycles(); c++) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                items.add("sleep:" + (5 + random.nextInt(25)) + ":" + c + "." + i);
            }
            ProducerTemplate template = context.createProducerTemplate();
            CompletableFuture<Exchange> reply = template.asyncSend("direct:in", e -> e.getIn().setBody(items));
            Thread.sleep(20 + random.nextInt(130));
            cut.apply();
            Exchange out = reply.get(BOUND_SECONDS, TimeUnit.SECONDS); // a lost exchange fails here, never hangs
            template.stop();
            check(c, out);
            if (!mayCutShort) {
                assertEquals(null, out.getException(), "a suspend waits for the batch");
                assertEquals(null, out.getMessage().getHeader(ParallelConstants.ERRORS), "every item finished");
            }
            // the pool serves again, with every item
            Exchange next = TestContexts.send(context, "direct:in", List.of("a", "b"));
            assertEquals(List.of("a!", "b!"), next.getMessage().getBody(List.class), () -> "after cycle: "
                    + next.getException());
            long deadline = System.currentTimeMillis() + 10_000; // a killed worker is reaped a moment after its kill
            while (leaks.newProcesses().size() > maxProcesses() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            List<String> processes = leaks.newProcesses();
            assertTrue(processes.size() <= maxProcesses(), "worker processes after cycle " + c + ": " + processes);
            tally.add("cycles", 1);
        }
    }

    private static String stackOf(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    /**
     * Each item finished (its result at its index) or failed by its index; nothing lost, nothing twice. Camel may put
     * its own RejectedExecutionException (no message) on an exchange whose batch ended just as a forced shutdown
     * began (its error handler's "run not allowed"); the batch's outcome is still on the message then, and is checked.
     */
    private void check(int cycle, Exchange out) {
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        errors = errors == null ? Map.of() : errors;
        tally.add("items", ITEMS);
        tally.add("failedByIndex", errors.size());
        for (Object index : errors.keySet()) {
            assertTrue((Integer) index >= 0 && (Integer) index < ITEMS, "an error outside the batch: " + index);
        }
        boolean rejectedByCamel = out.getException() instanceof RejectedExecutionException
                && out.getException().getMessage() == null;
        if (rejectedByCamel) {
            tally.add("rejectedByCamelAfterTheBatch", 1);
            assertEquals(ITEMS, out.getMessage().getHeader(ParallelConstants.SIZE),
                    "the batch ran: its headers are set");
        }
        if (out.getException() == null || rejectedByCamel) {
            List<?> results = out.getMessage().getBody(List.class);
            assertEquals(ITEMS, results.size());
            for (int i = 0; i < ITEMS; i++) {
                if (!errors.containsKey(i)) {
                    assertEquals(cycle + "." + i + "!", results.get(i), "cycle " + cycle + " index " + i);
                    tally.add("finished", 1);
                } else {
                    assertEquals(null, results.get(i), "cycle " + cycle + " index " + i + ": two outcomes");
                }
            }
            return;
        }
        // the batch was cut short: the unfinished items are listed by index, the rest finished
        tally.add("batchesCutShort", 1);
        ParallelTaskException failure = assertInstanceOf(ParallelTaskException.class, out.getException(),
                () -> "cycle " + cycle + ": " + stackOf(out.getException()));
        assertNotNull(out.getMessage().getHeader(ParallelConstants.ERRORS), "the unfinished items, by index");
        assertTrue(errors.containsKey(failure.getIndex()), "the failure's index is among the errors");
        for (int i = 0; i < ITEMS; i++) {
            if (!errors.containsKey(i)) {
                tally.add("finished", 1);
                if (recordsFinished()) {
                    assertTrue(FINISHED.contains(cycle + "." + i), "cycle " + cycle + " index " + i
                            + " has no error, so it must have finished");
                }
            }
        }
    }
}
