package io.github.camelparallel.streaming;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.camelparallel.ParallelTaskException;
import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch {@code timeout} bounds the batch, reading its input included, streamed or not. An input
 * whose {@code hasNext()} blocks after three items used to keep the send (streaming: the first items were read on the
 * caller's thread) or the consumer's {@code hasNext()} ({@code maxInFlight=1}) blocked for good. The reading thread is
 * interrupted at the timeout; one that ignores interrupts stays blocked in the input, but the batch ends all the same.
 */
class BlockingInputTimeoutTest {

    private CamelContext context;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (context != null) {
            context.stop();
        }
    }

    /** 0, 1, 2, then a hasNext() that blocks until interrupted (or, ignoring interrupts, until the test ends). */
    private Iterator<Integer> blockingAfterThree(boolean ignoreInterrupts, AtomicBoolean interrupted) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next < 3) {
                    return true;
                }
                while (true) {
                    try {
                        release.await();
                        return false;
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        if (!ignoreInterrupts) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("input read interrupted", e);
                        }
                    }
                }
            }

            @Override
            public Integer next() {
                return next++;
            }
        };
    }

    private void start(String options) throws Exception {
        Function<Integer, Integer> task = n -> n * 10;
        context = TestContexts.started(Map.of("task", task), TestContexts.route("direct:in",
                "parallel:b?task=#task&poolSize=2&timeout=2s&" + options));
    }

    @Test
    void aStreamedBatchEndsAtItsTimeoutWhileTheInputBlocks() throws Exception {
        streamEndsAtTimeout("streaming=true&chunkSize=1", false);
    }

    @Test
    void aStreamWithAWindowOfOneEndsAtItsTimeoutWhileTheInputBlocks() throws Exception {
        streamEndsAtTimeout("streaming=true&chunkSize=1&maxInFlight=1", false);
    }

    @Test
    void aStreamEndsAtItsTimeoutEvenWhenTheInputIgnoresInterrupts() throws Exception {
        streamEndsAtTimeout("streaming=true&chunkSize=1&maxInFlight=1", true);
    }

    private void streamEndsAtTimeout(String options, boolean ignoreInterrupts) throws Exception {
        start(options);
        AtomicBoolean interrupted = new AtomicBoolean();
        Iterator<Integer> input = blockingAfterThree(ignoreInterrupts, interrupted);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Iterator<?> results = context.createProducerTemplate().requestBody("direct:in", input, Iterator.class);
            for (int i = 0; i < 3; i++) {
                assertEquals(i * 10, results.next());
            }
            ParallelTaskException failure = assertThrows(ParallelTaskException.class, () -> {
                while (results.hasNext()) {
                    results.next();
                }
            });
            assertTrue(failure.getMessage().contains("timeout"), failure.getMessage());
        }, "the timeout must end the stream while its input blocks");
        waitFor(interrupted);
    }

    @Test
    void aListBatchEndsAtItsTimeoutWhileTheInputBlocks() throws Exception {
        start("chunkSize=1");
        AtomicBoolean interrupted = new AtomicBoolean();
        Iterator<Integer> input = blockingAfterThree(false, interrupted);
        Exchange out = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> TestContexts.send(context, "direct:in", input), "the timeout must end the batch");
        assertNotNull(out.getException());
        assertTrue(out.getException().getMessage().contains("timeout"), out.getException().getMessage());
        waitFor(interrupted);
    }

    @Test
    void aListBatchEndsAtItsTimeoutEvenWhenTheInputIgnoresInterrupts() throws Exception {
        start("chunkSize=1");
        AtomicBoolean interrupted = new AtomicBoolean();
        Iterator<Integer> input = blockingAfterThree(true, interrupted);
        Exchange out = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> TestContexts.send(context, "direct:in", input), "the timeout must end the batch");
        assertNotNull(out.getException());
        waitFor(interrupted);
    }

    private static void waitFor(AtomicBoolean interrupted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!interrupted.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(interrupted.get(), "the thread reading the input was interrupted at the timeout");
    }
}
