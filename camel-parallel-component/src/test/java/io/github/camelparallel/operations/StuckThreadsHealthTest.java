package io.github.camelparallel.operations;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool whose every thread is stuck in a task that ignores interrupts cannot serve, and
 * its health check says so. Items below 100 are stubborn: they swallow every interrupt and run until the test releases
 * them (Java threads cannot be killed). When every pool thread was interrupted (taskTimeout, batch timeout) and has not
 * returned for a few seconds, the pool's check is DOWN with a message naming how many threads are stuck since when and
 * pointing at backend=process; it is UP again once they return. One stuck thread of two leaves the pool UP (it still
 * serves), with the count in the details. Run on virtual threads too ({@link StuckVirtualThreadsHealthTest}).
 */
class StuckThreadsHealthTest {

    private static final long BOUND_MILLIS = 30_000;

    private final AtomicBoolean release = new AtomicBoolean();
    private final AtomicInteger interruptsIgnored = new AtomicInteger();
    private Main main;
    private CamelContext context;

    /** {@code backend=...}, overridden for virtual threads. */
    protected String backend() {
        return "thread";
    }

    @AfterEach
    void stop() {
        release.set(true);
        if (main != null) {
            main.stop();
        }
    }

    private void start(String options) throws Exception {
        Function<Integer, Integer> task = n -> {
            if (n >= 100) {
                return n + 1;
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // never outlive the test for long
            while (!release.get() && System.nanoTime() < until) {
                if (Thread.interrupted()) { // this task ignores interrupts on purpose
                    interruptsIgnored.incrementAndGet();
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            return n + 1;
        };
        main = new Main();
        main.addInitialProperty("camel.health.enabled", "true");
        main.addInitialProperty("camel.health.producers-enabled", "true");
        main.bind("task", task);
        main.configure().addRoutesBuilder(TestContexts.route("direct:in",
                "parallel:stuck?task=#task&backend=" + backend() + "&poolSize=2&chunkSize=1&" + options));
        main.start();
        context = main.getCamelContext();
    }

    private HealthCheck.Result poolCheck() {
        HealthCheck check = HealthCheckRegistry.get(context).stream()
                .filter(c -> c.getId().equals("parallel-pool-stuck")).findFirst()
                .orElseThrow(() -> new AssertionError("no parallel-pool-stuck check"));
        return check.call();
    }

    private HealthCheck.Result awaitCheck(String what, java.util.function.Predicate<HealthCheck.Result> condition)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + BOUND_MILLIS;
        HealthCheck.Result result = poolCheck();
        while (!condition.test(result) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            result = poolCheck();
        }
        assertTrue(condition.test(result), what + " within " + BOUND_MILLIS + " ms; last check: " + result.getState()
                + " " + result.getMessage().orElse("") + " " + result.getDetails());
        return result;
    }

    private static Object stuck(HealthCheck.Result result) {
        return result.getDetails().get("stuck");
    }

    private Exchange send(List<Integer> items) {
        return TestContexts.send(context, "direct:in", items);
    }

    private void assertServes() {
        Exchange exchange = send(List.of(100, 101));
        assertEquals(List.of(101, 102), exchange.getMessage().getBody(List.class), "the pool serves");
    }

    private void downWhileEveryThreadIsStuckThenUp() throws Exception {
        assertEquals(HealthCheck.State.UP, poolCheck().getState());
        HealthCheck.Result down = awaitCheck("DOWN", r -> r.getState() == HealthCheck.State.DOWN);
        String message = down.getMessage().orElse(null);
        assertNotNull(message);
        assertTrue(message.contains("2 of 2"), message);
        assertTrue(message.contains("ignore interrupts"), message);
        assertTrue(message.contains("since"), message);
        assertTrue(message.contains("backend=process"), message);
        assertEquals(2, stuck(down), "details: " + down.getDetails());
        assertTrue(interruptsIgnored.get() >= 2, "both tasks were interrupted: " + interruptsIgnored.get());

        release.set(true);
        awaitCheck("UP again once the threads returned", r -> r.getState() == HealthCheck.State.UP);
        HealthCheck.Result none = awaitCheck("no thread counted stuck once both returned",
                r -> Integer.valueOf(0).equals(stuck(r)));
        assertEquals(HealthCheck.State.UP, none.getState());
        assertServes();
    }

    @Test
    void downWhileEveryThreadIgnoresItsTaskTimeoutThenUp() throws Exception {
        start("taskTimeout=200&onError=collect");
        Exchange exchange = send(List.of(1, 2)); // both items time out at once; their threads stay in the task
        assertTrue(exchange.getException() == null, "collect: " + exchange.getException());
        downWhileEveryThreadIsStuckThenUp();
    }

    @Test
    void downWhileEveryThreadIgnoresTheBatchTimeoutThenUp() throws Exception {
        start("timeout=300");
        Exchange exchange = send(List.of(1, 2)); // the batch times out; its chunks are interrupted
        assertNotNull(exchange.getException(), "the batch timed out");
        downWhileEveryThreadIsStuckThenUp();
    }

    @Test
    void oneStuckThreadOfTwoLeavesThePoolUp() throws Exception {
        start("taskTimeout=200&onError=collect");
        send(List.of(1));
        HealthCheck.Result one = awaitCheck("one stuck thread counted", r -> Integer.valueOf(1).equals(stuck(r)));
        assertEquals(HealthCheck.State.UP, one.getState(), one.getMessage().orElse(""));
        assertServes();
        assertEquals(HealthCheck.State.UP, poolCheck().getState());
        release.set(true);
        awaitCheck("no stuck thread once it returned", r -> Integer.valueOf(0).equals(stuck(r)));
    }
}
