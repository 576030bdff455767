package io.github.camelparallel.operations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stop with a task that ignores interrupts waits for the pool's threads once
 * ({@code shutdownAwaitTermination}) after the route's shutdown timeout, not twice (Camel's {@code shutdownGraceful}
 * awaits before and again after {@code shutdownNow}).
 */
class StopWithStuckTaskTest {

    private static final long AWAIT_MILLIS = 6_000;

    @Test
    void aTaskThatIgnoresInterruptsHoldsTheStopForOneAwaitOnly() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Function<Integer, Integer> stubborn = n -> {
            started.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!release.get() && System.nanoTime() < until) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ignored) {
                    // this task ignores interrupts on purpose
                }
            }
            return n;
        };
        CamelContext context = TestContexts.started(Map.of("task", stubborn),
                TestContexts.route("direct:in", "parallel:stuck?task=#task&poolSize=1"));
        context.getShutdownStrategy().setTimeout(1);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        context.getExecutorServiceManager().setShutdownAwaitTermination(AWAIT_MILLIS);
        try {
            context.createProducerTemplate().asyncSendBody("direct:in", List.of(1));
            assertTrue(started.await(30, TimeUnit.SECONDS));
            long start = System.nanoTime();
            context.stop();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // one await: about 1 s + 6 s; two awaits took at least 1 s + 12 s
            assertTrue(tookMillis < 1_000 + 2 * AWAIT_MILLIS, "the stop took " + tookMillis + " ms: it awaited twice");
        } finally {
            release.set(true);
            context.stop();
        }
    }
}
