package io.github.camelparallel.contract;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.ParallelTaskException;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.dispatch.ResultIterator;
import io.github.camelparallel.streaming.CountingInput;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code streaming=true} on every backend (a subclass per backend, as {@link BackendContractSuite}): results come as
 * a lazy iterator, in order or in completion order; the input is read only as the window frees up; an early stop
 * reads nothing more and leaves no task running; a text file is read line by line; every onError mode. The route
 * consumes the iterator in a processor after the {@code parallel:} step, as a user's route would.
 */
public abstract class StreamingContractSuite {

    private CamelContext context;

    @TempDir
    Path scratch;

    /** URI options selecting the backend, as in {@link BackendContractSuite#backendOptions}. */
    protected abstract String backendOptions(Path scratch);

    @BeforeEach
    void shareScratch() {
        System.setProperty(ContractTasks.SCRATCH_PROPERTY, scratch.toString());
    }

    @AfterEach
    void stopContext() {
        if (context != null) {
            context.stop();
        }
        System.clearProperty(ContractTasks.SCRATCH_PROPERTY);
    }

    /** Starts {@code direct:in → parallel:stream?streaming=true&... → consumer}. */
    private void start(Class<? extends Function<?, ?>> task, String options, Processor consumer) throws Exception {
        String uri = "parallel:stream?streaming=true&" + backendOptions(scratch) + "&task=#class:" + task.getName()
                + "&" + options;
        context = TestContexts.started(Map.of(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to(uri).process(consumer);
            }
        });
        poolStarted(context, "stream");
    }

    /** Called once the route started: a backend whose workers join after route start waits for them here. */
    protected void poolStarted(CamelContext context, String pool) throws InterruptedException {
    }

    /** Drains the streamed results into a list; a failure is kept as the list's last element. */
    private static final Processor DRAIN = exchange -> {
        Iterator<?> results = exchange.getMessage().getBody(Iterator.class);
        List<Object> out = new ArrayList<>();
        try {
            results.forEachRemaining(out::add);
        } catch (RuntimeException e) {
            out.add(e);
        }
        exchange.getMessage().setBody(out);
    };

    @SuppressWarnings("unchecked")
    private List<Object> send(Object body) {
        Exchange out = TestContexts.send(context, "direct:in", body);
        if (out.getException() != null) {
            throw new AssertionError("exchange failed", out.getException());
        }
        return out.getMessage().getBody(List.class);
    }

    @Test
    void resultsComeInInputOrderUnderRandomDurationsWithoutBatchHeaders() throws Exception {
        List<Object> seen = new ArrayList<>();
        start(ContractTasks.RandomCube.class, "poolSize=4", exchange -> {
            Object body = exchange.getMessage().getBody();
            seen.add(body);
            assertNull(exchange.getMessage().getHeader(ParallelConstants.SIZE), "no total in streaming mode");
            DRAIN.process(exchange);
        });
        List<Object> results = send(IntStream.range(0, 10_000).boxed().iterator());
        assertInstanceOf(ResultIterator.class, seen.get(0));
        assertInstanceOf(Closeable.class, seen.get(0));
        assertEquals(10_000, results.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals((long) i * i * i, results.get(i), "result at index " + i);
        }
        ResultIterator iterator = (ResultIterator) seen.get(0);
        assertEquals(10_000, iterator.doneCount());
        assertEquals(10_000, iterator.deliveredCount());
        assertEquals(0, iterator.failedCount());
    }

    @Test
    void unorderedYieldsFastResultsBeforeASlowFirstItem() throws Exception {
        start(ContractTasks.SlowZero.class, "poolSize=2&chunkSize=1&ordered=false", DRAIN);
        List<Object> results = send(List.of(0, 1, 2, 3, 4, 5).iterator());
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), Set.copyOf(results));
        assertEquals(0, results.get(results.size() - 1), "the slow item comes last: " + results);
    }

    @Test
    void theInputIsNeverReadMoreThanTheWindowAhead() throws Exception {
        CountingInput input = new CountingInput(300);
        List<Long> excess = new ArrayList<>();
        // a slow consumer: 2 ms per result; window 3 chunks of 2 items, so at most 6 items are read and not consumed
        start(ContractTasks.RandomCube.class, "poolSize=2&chunkSize=2&maxInFlight=3", exchange -> {
            Iterator<?> results = exchange.getMessage().getBody(Iterator.class);
            long consumed = 0;
            while (results.hasNext()) {
                results.next();
                consumed++;
                excess.add(input.pulled.get() - consumed);
                Thread.sleep(2);
            }
            exchange.getMessage().setBody(List.of(consumed));
        });
        assertEquals(List.of(300L), send(input));
        long worst = excess.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(worst <= 6, "read " + worst + " items ahead of the consumer, the window allows 6");
        assertTrue(worst >= 2, "the window was never used (" + worst + " ahead): the dispatch did not run ahead");
        assertTrue(input.closed.get(), "the input is closed when it ends");
    }

    @Test
    void closingTheResultsReadsNothingMoreAndLeavesNoTaskRunning() throws Exception {
        CountingInput input = new CountingInput(1_000);
        AtomicInteger pulledAtClose = new AtomicInteger();
        AtomicInteger endsAtClose = new AtomicInteger();
        start(ContractTasks.SlowRecorded.class, "poolSize=2&chunkSize=1", exchange -> {
            ResultIterator results = exchange.getMessage().getBody(ResultIterator.class);
            List<Object> firstThree = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                firstThree.add(results.next());
            }
            results.close();
            pulledAtClose.set(input.pulled.get());
            endsAtClose.set(ContractTasks.count(scratch, "end"));
            assertFalse(results.hasNext(), "a closed iterator has nothing more");
            exchange.getMessage().setBody(firstThree);
        });
        assertEquals(List.of(0, 1, 2), send(input));
        assertTrue(input.closed.get(), "the input is closed at once");
        assertTrue(pulledAtClose.get() <= 3 + 4, "read " + pulledAtClose.get() + " items for 3 results, window 4");
        // the items running at the close (3 s each) were stopped: none of them ends later, and nothing starts any more.
        // (A backend may have run a 3 s item before items 0..2, e.g. a cluster member picking chunks in any order;
        // such an item ended before the close, which is fine.)
        Thread.sleep(300);
        int starts = ContractTasks.count(scratch, "start");
        Thread.sleep(3500);
        assertTrue(endsAtClose.get() >= 3, "the three consumed items ended before the close");
        assertEquals(endsAtClose.get(), ContractTasks.count(scratch, "end"), "no task ran on after the close");
        assertEquals(starts, ContractTasks.count(scratch, "start"), "no task started after the close");
        assertEquals(pulledAtClose.get(), input.pulled.get(), "nothing read after the close");
        // the pool still serves
        assertEquals(List.of(0, 1, 2), send(List.of(0, 1, 2).iterator()));
    }

    @Test
    void aMillionLineFileIsReadLazilyLineByLine() throws Exception {
        Path file = scratch.resolve("numbers.txt");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < 1_000_000; i++) {
                out.write(Integer.toString(i % 1000));
                out.write('\n');
            }
        }
        long[] readAtFirstResult = new long[1];
        start(ContractTasks.ParseCube.class, "poolSize=2", exchange -> {
            ResultIterator results = exchange.getMessage().getBody(ResultIterator.class);
            long sum = (Long) results.next();
            readAtFirstResult[0] = results.pulledCount();
            long count = 1;
            while (results.hasNext()) {
                sum += (Long) results.next();
                count++;
            }
            exchange.getMessage().setBody(List.of(count, sum));
        });
        long expectedSum = 0;
        for (int i = 0; i < 1_000_000; i++) {
            long n = i % 1000;
            expectedSum += n * n * n;
        }
        assertEquals(List.of(1_000_000L, expectedSum), send(file));
        assertTrue(readAtFirstResult[0] < 200_000, readAtFirstResult[0] + " lines read before the first result");
    }

    @Test
    void tinyItemsAreReadAheadOfTheConsumerByAFewSmallChunksPerThreadOnly() throws Exception {
        int items = 100_000;
        long[] mostAhead = new long[1];
        start(ContractTasks.ParseCube.class, "poolSize=2", exchange -> {
            ResultIterator results = exchange.getMessage().getBody(ResultIterator.class);
            long count = 0;
            long sum = 0;
            while (results.hasNext()) {
                sum += (Long) results.next();
                if (++count % 100 == 0) {
                    mostAhead[0] = Math.max(mostAhead[0], results.pulledCount() - results.deliveredCount());
                }
            }
            exchange.getMessage().setBody(List.of(count, sum));
        });
        long expectedSum = 0;
        for (long i = 0; i < items; i++) {
            expectedSum += (i % 1000) * (i % 1000) * (i % 1000);
        }
        Iterator<String> input = IntStream.range(0, items).mapToObj(i -> Integer.toString(i % 1000)).iterator();
        assertEquals(List.of((long) items, expectedSum), send(input));
        // the window: 2 chunks per thread, and a streamed chunk holds at most one consumer round of results
        assertTrue(mostAhead[0] <= 2 * 2 * ResultIterator.ROUND, "read " + mostAhead[0] + " items ahead of the consumer");
    }

    @Test
    void failModeThrowsAtTheFailedPositionAfterTheItemsBeforeIt() throws Exception {
        CountingInput input = new CountingInput(200);
        start(ContractTasks.FailsAtFive.class, "poolSize=1&chunkSize=1", DRAIN);
        List<Object> results = send(input);
        assertEquals(List.of(0, 1, 2, 3, 4), results.subList(0, 5));
        ParallelTaskException failure = assertInstanceOf(ParallelTaskException.class, results.get(5));
        assertEquals(5, failure.getIndex());
        assertTrue(failure.getMessage().contains("Item 5"), failure.getMessage());
        assertEquals(6, results.size());
        assertTrue(ContractTasks.count(scratch, "run") < 20, "tasks after the failure must not start");
        assertTrue(input.pulled.get() < 20, input.pulled.get() + " items read");
        assertTrue(input.closed.get());
    }

    @Test
    void collectModeHandsOutNullAndRecordsTheError() throws Exception {
        ResultIterator[] seen = new ResultIterator[1];
        start(ContractTasks.FailsOnThrees.class, "poolSize=3&onError=collect", exchange -> {
            seen[0] = exchange.getMessage().getBody(ResultIterator.class);
            DRAIN.process(exchange);
        });
        List<Object> results = send(IntStream.range(0, 100).boxed().iterator());
        assertEquals(100, results.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i % 10 == 3 ? null : i * 2, results.get(i), "index " + i);
        }
        assertEquals(10, seen[0].failedCount());
        assertEquals(IntStream.range(0, 100).filter(i -> i % 10 == 3).boxed().toList(),
                List.copyOf(seen[0].errors().keySet()));
    }

    @Test
    void skipModeLeavesFailedItemsOut() throws Exception {
        ResultIterator[] seen = new ResultIterator[1];
        start(ContractTasks.FailsOnOdd.class, "poolSize=2&onError=skip", exchange -> {
            seen[0] = exchange.getMessage().getBody(ResultIterator.class);
            DRAIN.process(exchange);
        });
        assertEquals(IntStream.range(0, 50).filter(i -> i % 2 == 0).boxed().toList(),
                send(IntStream.range(0, 50).boxed().iterator()));
        assertEquals(25, seen[0].failedCount());
        assertTrue(seen[0].errors().containsKey(49));
    }
}
