package io.github.camelparallel.backend.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.ParallelTaskException;
import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A small batch (expected to take less than handing it off) runs on its caller's thread, and keeps every guarantee of
 * the pool: input order, per-item errors by index, the batch timeout (it fires though the caller is busy running the
 * item), nested batches on a pool of one thread, and {@code poolSize} as a bound on what runs at once, callers
 * included. Each test first sends a few batches so the endpoint has measured its task.
 */
class SmallBatchOnCallerTest {

    private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();
    private static final AtomicInteger ON_CALLER = new AtomicInteger();

    @ParameterizedTest
    @ValueSource(strings = { "thread", "virtual" })
    void aWarmSmallBatchRunsOnTheCallerInOrderAndSetsItsHeaders(String backend) throws Exception {
        assumeTrue(!backend.equals("virtual") || Runtime.version().feature() >= 21, "virtual threads need Java 21");
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Function<Integer, Integer> task = n -> {
            threads.add(Thread.currentThread().getName());
            return n * n;
        };
        CamelContext context = TestContexts.started(Map.of("task", watched(task)),
                TestContexts.route("direct:in", "parallel:small?backend=" + backend + "&task=#task&poolSize=2"));
        try {
            warm(context);
            threads.clear();
            String caller = Thread.currentThread().getName();
            for (int i = 0; i < 20; i++) {
                Exchange done = TestContexts.send(context, "direct:in", TEN);
                assertNull(done.getException());
                assertEquals(TEN.stream().map(n -> n * n).toList(), done.getMessage().getBody());
                assertEquals(10, done.getMessage().getHeader(ParallelConstants.SIZE));
            }
            assertTrue(threads.contains(caller), "small batches ran on the caller " + caller + ": " + threads);
        } finally {
            context.stop();
        }
    }

    @Test
    void aFailingItemOfASmallBatchFailsByIndexAndTheNextBatchRuns() throws Exception {
        Function<Integer, Integer> task = n -> {
            if (n == -3) {
                throw new IllegalArgumentException("no negative three");
            }
            return n + 1;
        };
        CamelContext context = TestContexts.started(Map.of("task", watched(task)),
                TestContexts.route("direct:in", "parallel:failing?task=#task&poolSize=2"));
        try {
            warm(context);
            List<Integer> bad = new ArrayList<>(TEN);
            bad.set(4, -3);
            Exchange failed = TestContexts.send(context, "direct:in", bad);
            ParallelTaskException error = assertInstanceOf(ParallelTaskException.class, failed.getException());
            assertEquals(4, error.getIndex());
            assertTrue(error.getMessage().contains("no negative three"), error.getMessage());
            assertEquals(TEN.stream().map(n -> n + 1).toList(),
                    TestContexts.send(context, "direct:in", TEN).getMessage().getBody());
        } finally {
            context.stop();
        }
    }

    @Test
    void theBatchTimeoutFiresWhileTheCallerIsStillRunningAnItemThatIgnoresInterrupts() throws Exception {
        AtomicReference<CountDownLatch> release = new AtomicReference<>(new CountDownLatch(0));
        AtomicReference<String> blockedOn = new AtomicReference<>();
        Function<Integer, Integer> task = n -> {
            CountDownLatch latch = release.get();
            if (n == 7 && latch.getCount() > 0) {
                blockedOn.set(Thread.currentThread().getName());
                awaitIgnoringInterrupts(latch);
            }
            return n;
        };
        CamelContext context = TestContexts.started(Map.of("task", watched(task)),
                TestContexts.route("direct:in", "parallel:timed?task=#task&poolSize=2&timeout=300"));
        ProducerTemplate template = context.createProducerTemplate();
        try {
            // a busy machine may send one batch off now and then (a preempted run looks slow): try until the blocked
            // item is the caller's, which is the case this test is about; every try must end with the timeout
            List<String> blockedThreads = new ArrayList<>();
            for (int attempt = 0; attempt < 20; attempt++) {
                warm(context);
                CountDownLatch latch = new CountDownLatch(1);
                blockedOn.set(null);
                release.set(latch);
                Future<Exchange> reply = template.asyncSend("direct:in", e -> e.getIn().setBody(TEN));
                Exchange done = reply.get(60, TimeUnit.SECONDS); // the item is still blocked: the timer ended the batch
                assertEquals(1, latch.getCount(), "the item never returned");
                ParallelTaskException error = assertInstanceOf(ParallelTaskException.class, done.getException());
                assertTrue(error.getMessage().contains("timeout"), error.getMessage());
                assertInstanceOf(TimeoutException.class, error.getCause());
                assertEquals(7, error.getIndex());
                latch.countDown();
                blockedThreads.add(blockedOn.get());
                if (!blockedOn.get().contains("Parallel[timed]")) {
                    assertEquals(TEN, TestContexts.send(context, "direct:in", TEN).getMessage().getBody());
                    return; // the caller ran the blocked item, and the timeout still ended the batch
                }
            }
            fail("the blocked item never ran on the caller in 20 tries: " + blockedThreads);
        } finally {
            release.get().countDown();
            template.stop();
            context.stop();
        }
    }

    @Test
    void aBatchSentFromASmallBatchRunningOnItsCallerCompletesOnAPoolOfOneThread() throws Exception {
        CamelContext[] self = new CamelContext[1];
        AtomicBoolean nest = new AtomicBoolean();
        Function<Integer, Integer> inner = n -> n * 2;
        Function<Integer, Object> outer = n -> nest.get()
                ? TestContexts.send(self[0], "direct:inner", List.of(n, n + 1)).getMessage().getBody()
                : List.of(n * 2, (n + 1) * 2);
        CamelContext context = TestContexts.started(Map.of("inner", inner, "task", watched(outer)),
                TestContexts.route("direct:in", "parallel:one?task=#task&poolSize=1"),
                TestContexts.route("direct:inner", "parallel:one?task=#inner&poolSize=1"));
        self[0] = context;
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            boolean outerOnCaller = false;
            for (int attempt = 0; attempt < 20 && !outerOnCaller; attempt++) { // see the timeout test: until it did
                nest.set(false);
                warm(context); // the outer endpoint now runs its small batches on the caller, holding the one slot
                nest.set(true);
                int ranOnCaller = ON_CALLER.get();
                Future<Exchange> reply = sender.submit(() -> TestContexts.send(context, "direct:in", List.of(1, 5)));
                Exchange done = reply.get(60, TimeUnit.SECONDS);
                assertNull(done.getException());
                assertEquals(List.of(List.of(2, 4), List.of(10, 12)), done.getMessage().getBody());
                outerOnCaller = ON_CALLER.get() > ranOnCaller;
            }
            assertTrue(outerOnCaller, "the outer batch never ran on its caller in 20 tries");
        } finally {
            sender.shutdownNow();
            context.stop();
        }
    }

    @Test
    void callersThatRunSmallBatchesShareThePoolsSlots() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Function<Integer, Integer> task = n -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.onSpinWait();
            running.decrementAndGet();
            return n;
        };
        CamelContext context = TestContexts.started(Map.of("task", watched(task)),
                TestContexts.route("direct:in", "parallel:serial?task=#task&poolSize=1"));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            warm(context);
            List<Future<Object>> replies = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                replies.add(callers.submit(() -> TestContexts.send(context, "direct:in", TEN).getMessage().getBody()));
            }
            for (Future<Object> reply : replies) {
                assertEquals(TEN, reply.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, most.get(), "poolSize=1: one item at a time, callers included");
        } finally {
            callers.shutdownNow();
            context.stop();
        }
    }

    /**
     * Sends small batches until three in a row ran on their caller (the endpoint has measured its task as fast): a few
     * on a quiet machine, more while the JIT is cold on a busy one.
     */
    private static void warm(CamelContext context) {
        int inARow = 0;
        for (int i = 0; i < 2_000 && inARow < 3; i++) {
            int before = ON_CALLER.get();
            assertNull(TestContexts.send(context, "direct:in", TEN).getException());
            inARow = ON_CALLER.get() > before ? inARow + 1 : 0;
        }
        assertEquals(3, inARow, "small batches did not run on their caller");
    }

    /** The task, counting the items that ran on a thread that is not a pool thread (a caller). */
    private static <T, R> Function<T, R> watched(Function<T, R> task) {
        return item -> {
            if (!Thread.currentThread().getName().contains("Parallel[")) {
                ON_CALLER.incrementAndGet();
            }
            return task.apply(item);
        };
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
