package io.github.camelparallel.reliability;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the backends that report each item as it finishes (threads, virtual threads): an item that
 * finished is never reported as unfinished when the batch times out, and a streamed result does not wait for the rest
 * of its chunk. (Worker processes and Hazelcast members answer a run or a chunk as one frame: not here.)
 */
abstract class FinishedResultsSuite {

    private CamelContext context;

    /** The backend's options, e.g. {@code backend=thread}. */
    protected abstract String backendOptions();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void aBatchTimeoutKeepsTheResultsOfItemsThatFinished() throws Exception {
        Set<Integer> finished = ConcurrentHashMap.newKeySet();
        Function<Integer, Integer> task = n -> {
            sleep(20);
            finished.add(n);
            return n * 10;
        };
        Exchange out = run(task, "poolSize=1&chunkSize=50&timeout=500ms&onError=collect",
                IntStream.range(0, 50).boxed().toList());
        assertNull(out.getException());
        List<?> results = out.getMessage().getBody(List.class);
        @SuppressWarnings("unchecked")
        SortedMap<Integer, Throwable> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, SortedMap.class);
        assertEquals(50, results.size());
        int kept = 0;
        for (int i = 0; i < 50; i++) {
            if (results.get(i) != null) {
                assertEquals(i * 10, results.get(i), "item " + i);
                kept++;
            } else {
                assertInstanceOf(TimeoutException.class, errors.get(i), "item " + i);
            }
        }
        assertTrue(kept >= 5, kept + " results kept; about 24 items finish in 500 ms (" + finished.size() + " did)");
        assertEquals(50 - kept, errors.size());
    }

    @Test
    void itemsThatFinishedJustBeforeAStuckOneAreKeptAtTheTimeout() throws Exception {
        // ten quick items, then one that blocks until interrupted: the ten are finished and must be kept
        Function<Integer, Integer> task = n -> {
            if (n == 10) {
                sleep(30_000);
            }
            return n * 10;
        };
        Exchange out = run(task, "poolSize=1&chunkSize=50&timeout=500ms&onError=collect",
                IntStream.range(0, 50).boxed().toList());
        assertNull(out.getException());
        List<?> results = out.getMessage().getBody(List.class);
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 10, results.get(i), "item " + i + " finished before the timeout");
        }
        for (int i = 10; i < 50; i++) {
            assertNull(results.get(i), "item " + i + " did not finish");
        }
    }

    @Test
    void aStreamedResultDoesNotWaitForTheRestOfItsChunk() throws Exception {
        CountDownLatch firstResultTaken = new CountDownLatch(1);
        Function<Integer, Integer> task = n -> {
            if (n == 5) {
                try {
                    // the consumer must get result 0 while item 5 of the same chunk still runs
                    if (!firstResultTaken.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("result 0 was held back until its chunk ended");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            sleep(2);
            return n;
        };
        context = TestContexts.started(Map.of("task", task), TestContexts.route("direct:in",
                "parallel:s?task=#task&poolSize=1&chunkSize=50&streaming=true&" + backendOptions()));
        Iterator<?> results = context.createProducerTemplate().requestBody("direct:in",
                IntStream.range(0, 50).boxed().iterator(), Iterator.class);
        assertEquals(0, results.next());
        firstResultTaken.countDown();
        for (int i = 1; i < 50; i++) {
            assertEquals(i, results.next());
        }
    }

    private Exchange run(Function<Integer, Integer> task, String options, Object body) throws Exception {
        context = TestContexts.started(Map.of("task", task), TestContexts.route("direct:in",
                "parallel:s?task=#task&" + options + "&" + backendOptions()));
        return TestContexts.send(context, "direct:in", body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
