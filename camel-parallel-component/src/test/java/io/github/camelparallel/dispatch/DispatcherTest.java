package io.github.camelparallel.dispatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.camelparallel.spi.BackendCapabilities;
import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;
import io.github.camelparallel.spi.ItemTask;
import io.github.camelparallel.spi.ParallelBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatch core driven directly, without Camel: a {@link FakeBackend} runs chunks on plain threads (or on the
 * submitting thread), a plain scheduler and hand-off executor stand in for the component's. Covers ordering, the
 * window, retries, item and batch timeouts, errors per onError policy, streaming, and where the caller's completion
 * runs.
 */
class DispatcherTest {

    private static final long WAIT_SECONDS = 30;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "test-timer"));
    private final ExecutorService handoff = Executors.newCachedThreadPool(r -> new Thread(r, "test-handoff"));
    private final List<FakeBackend> backends = new ArrayList<>();

    @AfterEach
    void tearDown() {
        backends.forEach(FakeBackend::stop);
        scheduler.shutdownNow();
        handoff.shutdownNow();
    }

    private FakeBackend threads(int parallelism) {
        FakeBackend backend = FakeBackend.onThreads(parallelism);
        backends.add(backend);
        return backend;
    }

    private static DispatchOptions options(int chunkSize, int maxInFlight, boolean ordered, ErrorPolicy policy,
            int maxRetries, long taskTimeoutMillis, long batchTimeoutMillis, boolean streaming) {
        return new DispatchOptions("test", chunkSize, maxInFlight, ordered, policy, maxRetries, 0, taskTimeoutMillis,
                batchTimeoutMillis, streaming);
    }

    private static DispatchOptions simple(int chunkSize, int maxInFlight, ErrorPolicy policy) {
        return options(chunkSize, maxInFlight, true, policy, 0, 0, 0, false);
    }

    private static List<Object> numbers(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toCollection(ArrayList::new));
    }

    private BatchOutcome run(DispatchOptions options, FakeBackend backend, ItemTask task, List<Object> items)
            throws Exception {
        CompletableFuture<BatchOutcome> done = new CompletableFuture<>();
        new Dispatcher(options, backend, task, scheduler, handoff, BatchSource.of(items), null).start(done::complete);
        return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void jitter() throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextInt(3));
    }

    @Test
    void resultsComeInInputOrderWhateverOrderChunksFinish() throws Exception {
        BatchOutcome outcome = run(simple(3, 0, ErrorPolicy.FAIL), threads(4), (item, index, attempt) -> {
            jitter();
            return (Integer) item * 10;
        }, numbers(200));
        assertNull(outcome.failure());
        assertEquals(IntStream.range(0, 200).map(i -> i * 10).boxed().toList(), outcome.results());
        assertEquals(200, outcome.size());
    }

    @Test
    void unorderedResultsHoldEveryItemOnce() throws Exception {
        BatchOutcome outcome = run(options(2, 0, false, ErrorPolicy.FAIL, 0, 0, 0, false), threads(4),
                (item, index, attempt) -> {
                    jitter();
                    return item;
                }, numbers(100));
        List<Object> sorted = new ArrayList<>(outcome.results());
        sorted.sort(null);
        assertEquals(numbers(100), sorted);
    }

    @Test
    void neverMoreThanMaxInFlightChunksOutstanding() throws Exception {
        FakeBackend backend = threads(6);
        BatchOutcome outcome = run(simple(1, 2, ErrorPolicy.FAIL), backend, (item, index, attempt) -> {
            Thread.sleep(2);
            return item;
        }, numbers(60));
        assertEquals(numbers(60), outcome.results());
        assertEquals(60, backend.executed.get());
        assertTrue(backend.maxOutstanding.get() <= 2, "outstanding chunks reached " + backend.maxOutstanding.get());
    }

    @Test
    void aFailedAttemptIsRetriedWithTheNextAttemptNumber() throws Exception {
        Map<Integer, List<Integer>> attempts = new ConcurrentHashMap<>();
        BatchOutcome outcome = run(options(4, 0, true, ErrorPolicy.FAIL, 2, 0, 0, false), threads(2),
                (item, index, attempt) -> {
                    attempts.computeIfAbsent(index, k -> Collections.synchronizedList(new ArrayList<>())).add(attempt);
                    if (index == 5 && attempt < 3) {
                        throw new IllegalStateException("flaky " + attempt);
                    }
                    return item;
                }, numbers(12));
        assertNull(outcome.failure());
        assertEquals(numbers(12), outcome.results());
        assertEquals(2, outcome.retries());
        assertEquals(List.of(1, 2, 3), attempts.get(5));
        assertEquals(List.of(1), attempts.get(4));
    }

    @Test
    void anItemOverItsTaskTimeoutFailsByIndexAndIsRetried() throws Exception {
        AtomicInteger slowRuns = new AtomicInteger();
        BatchOutcome retried = run(options(1, 0, true, ErrorPolicy.COLLECT, 1, 200, 0, false), threads(2),
                (item, index, attempt) -> {
                    if (index == 3 && attempt == 1) {
                        slowRuns.incrementAndGet();
                        Thread.sleep(60_000);
                    }
                    return item;
                }, numbers(6));
        assertEquals(numbers(6), retried.results());
        assertEquals(1, retried.retries());
        assertEquals(1, slowRuns.get());

        BatchOutcome failed = run(options(1, 0, true, ErrorPolicy.COLLECT, 0, 200, 0, false), threads(2),
                (item, index, attempt) -> {
                    if (index == 3) {
                        Thread.sleep(60_000);
                    }
                    return item;
                }, numbers(6));
        assertNull(failed.results().get(3));
        assertInstanceOf(TimeoutException.class, failed.errors().get(3));
        assertEquals(List.of(3), List.copyOf(failed.errors().keySet()));
    }

    @Test
    void theBatchTimeoutFailsWhatDidNotFinishByIndex() throws Exception {
        ItemTask hangsOnTwo = (item, index, attempt) -> {
            if (index == 2) {
                Thread.sleep(60_000);
            }
            return item;
        };
        BatchOutcome collected = run(options(1, 0, true, ErrorPolicy.COLLECT, 0, 0, 300, false), threads(2),
                hangsOnTwo, numbers(5));
        assertNull(collected.failure());
        assertInstanceOf(TimeoutException.class, collected.errors().get(2));
        assertTrue(collected.errors().get(2).getMessage().contains("Item 2"), collected.errors().get(2).getMessage());
        assertEquals(0, collected.results().get(0));

        BatchOutcome failed = run(options(1, 0, true, ErrorPolicy.FAIL, 0, 0, 300, false), threads(2), hangsOnTwo,
                numbers(5));
        assertNotNull(failed.failure());
        assertEquals(2, failed.failure().index());
        assertTrue(failed.failure().message().contains("batch timeout of 300 ms"), failed.failure().message());
    }

    @Test
    void onErrorDecidesWhatAFailedItemDoesToTheBatch() throws Exception {
        ItemTask failsOnSeven = (item, index, attempt) -> {
            if (index == 7) {
                throw new IllegalArgumentException("bad seven");
            }
            return item;
        };
        BatchOutcome failed = run(simple(2, 0, ErrorPolicy.FAIL), threads(2), failsOnSeven, numbers(10));
        assertEquals(7, failed.failure().index());
        assertTrue(failed.failure().message().startsWith("Item 7 of a batch of 10 on parallel:test failed"),
                failed.failure().message());
        assertInstanceOf(IllegalArgumentException.class, failed.failure().cause());

        BatchOutcome collected = run(simple(2, 0, ErrorPolicy.COLLECT), threads(2), failsOnSeven, numbers(10));
        assertNull(collected.failure());
        List<Object> expected = numbers(10);
        expected.set(7, null);
        assertEquals(expected, collected.results());
        assertEquals("bad seven", collected.errors().get(7).getMessage());
        assertEquals(1, collected.failedCount());

        BatchOutcome skipped = run(simple(2, 0, ErrorPolicy.SKIP), threads(2), failsOnSeven, numbers(10));
        List<Object> kept = numbers(10);
        kept.remove(7);
        assertEquals(kept, skipped.results());
        assertEquals(List.of(7), List.copyOf(skipped.errors().keySet()));
    }

    @Test
    void completionIsHandedOffFromABackendThreadThatNobodyMarked() throws Exception {
        FakeBackend backend = threads(2);
        CompletableFuture<Thread> completedOn = new CompletableFuture<>();
        new Dispatcher(simple(1, 0, ErrorPolicy.FAIL), backend, (item, index, attempt) -> item, scheduler, handoff,
                BatchSource.of(numbers(8)), null).start(outcome -> completedOn.complete(Thread.currentThread()));
        Thread thread = completedOn.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("test-handoff", thread.getName(), "the route continued on " + thread.getName());
    }

    @Test
    void aBatchCompletedInsideStartContinuesOnTheCallersThread() throws Exception {
        FakeBackend backend = FakeBackend.onSubmitter();
        backends.add(backend);
        AtomicReference<Thread> completedOn = new AtomicReference<>();
        AtomicReference<BatchOutcome> outcome = new AtomicReference<>();
        new Dispatcher(simple(2, 0, ErrorPolicy.FAIL), backend, (item, index, attempt) -> item, scheduler, handoff,
                BatchSource.of(numbers(9)), null).start(o -> {
                    completedOn.set(Thread.currentThread());
                    outcome.set(o);
                });
        assertSame(Thread.currentThread(), completedOn.get(), "completed synchronously, so on the caller's thread");
        assertEquals(numbers(9), outcome.get().results());
    }

    @Test
    void aStreamReadsItsInputOnlyAsTheConsumerMakesRoom() throws Exception {
        AtomicLong read = new AtomicLong();
        AtomicBoolean closed = new AtomicBoolean();
        Iterator<Object> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                return (int) read.getAndIncrement();
            }
        };
        FakeBackend backend = threads(2);
        Dispatcher dispatcher = new Dispatcher(options(1, 3, true, ErrorPolicy.FAIL, 0, 0, 0, true), backend,
                (item, index, attempt) -> (Integer) item + 1000, scheduler, handoff,
                BatchSource.lazy("test", endless, () -> closed.set(true)), null);
        ResultIterator results = new ResultIterator(dispatcher, f -> new IllegalStateException(f.message()), null,
                () -> false);
        dispatcher.start(null);
        for (int i = 0; i < 20; i++) {
            assertTrue(results.hasNext());
            assertEquals(1000 + i, results.next(), "in input order");
        }
        Thread.sleep(200); // time for a dispatcher that reads too far to show it
        // 20 handed out (at most the last run of them not yet consumed) plus at most 3 open chunks of one item
        assertTrue(read.get() <= 20 + 3, "read " + read.get() + " items for 20 handed out, window 3");
        assertTrue(backend.maxOutstanding.get() <= 3, "outstanding " + backend.maxOutstanding.get());
        results.close();
        assertTrue(closed.get(), "stopping the stream closes the input");
        long readAtStop = read.get();
        Thread.sleep(200);
        assertEquals(readAtStop, read.get(), "nothing is read after the stream stopped");
        assertFalse(results.hasNext());
        awaitTrue(() -> dispatcher.progress().finished(), "the stopped batch is over");
    }

    @Test
    void aStreamInOrderHandsOutWhatCameBeforeTheFailedItemThenThrows() throws Exception {
        FakeBackend backend = threads(2);
        Dispatcher dispatcher = new Dispatcher(options(1, 2, true, ErrorPolicy.FAIL, 0, 0, 0, true), backend,
                (item, index, attempt) -> {
                    if (index == 4) {
                        throw new IllegalStateException("four");
                    }
                    return item;
                }, scheduler, handoff, BatchSource.lazy("test", numbers(50).iterator(), null), null);
        ResultIterator results = new ResultIterator(dispatcher, f -> new IllegalStateException(f.message(), f.cause()),
                null, () -> false);
        dispatcher.start(null);
        List<Object> got = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            while (results.hasNext()) {
                got.add(results.next());
            }
        });
        assertEquals(numbers(4), got);
        assertTrue(thrown.getMessage().startsWith("Item 4 of a streamed batch on parallel:test failed"),
                thrown.getMessage());
        assertTrue(results.pulledCount() < 50, "nothing after the failed item is read: " + results.pulledCount());
    }

    @Test
    void theCallersThreadHelpsRunItsOwnChunks() throws Exception {
        AtomicInteger ranOnCaller = new AtomicInteger();
        Thread caller = Thread.currentThread();
        QueueingBackend backend = new QueueingBackend();
        Dispatcher dispatcher = new Dispatcher(simple(2, 0, ErrorPolicy.FAIL), backend, (item, index, attempt) -> {
            if (Thread.currentThread() == caller) {
                ranOnCaller.incrementAndGet();
            }
            return item;
        }, scheduler, handoff, BatchSource.of(numbers(10)), null);
        BatchOutcome outcome = dispatcher.runHelping();
        assertEquals(numbers(10), outcome.results());
        assertEquals(10, ranOnCaller.get(), "a backend that never runs anything: the helping caller ran it all");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT_SECONDS + " s: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A backend that takes chunks and never runs them itself, but lets a helping caller run them. */
    private static final class QueueingBackend implements ParallelBackend {
        @Override
        public BackendCapabilities capabilities() {
            return new BackendCapabilities(1, true, 1_000_000L, 50_000_000L);
        }

        @Override
        public void start() {
        }

        @Override
        public void execute(Chunk chunk, ChunkListener listener) {
            // queued forever: only the helping caller runs it
        }

        @Override
        public void runInCaller(Chunk chunk,
                ChunkListener listener) {
            long began = System.nanoTime();
            for (int offset = 0; offset < chunk.size(); offset++) {
                try {
                    listener.itemDone(chunk, offset, chunk.task().apply(chunk.item(offset), chunk.indexOf(offset),
                            chunk.attempt()), null);
                } catch (Exception e) {
                    listener.itemDone(chunk, offset, null, e);
                }
            }
            listener.chunkDone(chunk, System.nanoTime() - began);
        }

        @Override
        public void stop() {
        }
    }
}
