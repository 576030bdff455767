package io.github.camelparallel.contract;

import java.util.ArrayList;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.ParallelTaskException;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.remote.RemoteTaskException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every backend must show, run over each backend by a subclass (joblib runs its whole suite over every
 * backend): ordering under random durations, completion order, every onError mode, retries, both timeouts, nested
 * batches. The tasks are public classes ({@link ContractTasks}) named by {@code task=#class:}, so a worker process
 * runs exactly what a pool thread runs. Subclasses say which backend (a URI fragment such as {@code backend=thread}).
 */
public abstract class BackendContractSuite {

    private CamelContext context;

    @TempDir
    Path scratch;

    /**
     * URI options selecting the backend, e.g. {@code backend=thread}; {@code scratch} is the directory the tasks keep
     * their counts in, to be passed on to workers that do not run in this JVM.
     */
    protected abstract String backendOptions(Path scratch);

    /** False for backends whose tasks cannot call back into this JVM's routes (worker processes). */
    protected boolean tasksCanSendToRoutes() {
        return true;
    }

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

    private CamelContext start(Class<? extends Function<?, ?>> task, String options) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:contract?"
                + backendOptions(scratch) + "&task=#class:" + task.getName() + "&" + options));
        poolStarted(context, "contract");
        return context;
    }

    /** Called once the route started: a backend whose workers join after route start waits for them here. */
    protected void poolStarted(CamelContext context, String pool) throws InterruptedException {
    }

    /** The item failed with {@code type} and {@code message}, thrown here or inside a worker process. */
    private static void assertFailedWith(Class<? extends Throwable> type, String message, Throwable error) {
        if (error instanceof RemoteTaskException remote) {
            assertEquals(type.getName(), remote.getRemoteType(), "remote exception type");
            assertTrue(remote.getMessage().endsWith(": " + message), remote.getMessage());
        } else {
            assertInstanceOf(type, error);
            assertEquals(message, error.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> results(Exchange exchange) {
        if (exchange.getException() != null) {
            throw new AssertionError("batch failed", exchange.getException());
        }
        return exchange.getMessage().getBody(List.class);
    }

    @Test
    void tenThousandItemsComeBackInInputOrderUnderRandomDurations() throws Exception {
        start(ContractTasks.RandomCube.class, "poolSize=4");
        List<Integer> input = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        Exchange out = TestContexts.send(context, "direct:in", input);
        List<Object> results = results(out);
        assertEquals(10_000, results.size());
        for (int i = 0; i < input.size(); i++) {
            assertEquals((long) i * i * i, results.get(i), "result at index " + i);
        }
        assertEquals(10_000, out.getMessage().getHeader(ParallelConstants.SIZE));
        assertEquals(0, out.getMessage().getHeader(ParallelConstants.FAILED_COUNT));
        assertNull(out.getMessage().getHeader(ParallelConstants.ERRORS));
    }

    @Test
    void unorderedResultsComeInCompletionOrder() throws Exception {
        start(ContractTasks.SlowZero.class, "poolSize=2&chunkSize=1&ordered=false");
        List<Object> results = results(TestContexts.send(context, "direct:in", List.of(0, 1, 2, 3, 4, 5)));
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), Set.copyOf(results));
        assertEquals(0, results.get(results.size() - 1), "the slow item finishes last: " + results);
    }

    @Test
    void failModeFailsTheExchangeNamingTheItemAndSkipsUnstartedChunks() throws Exception {
        start(ContractTasks.FailsAtFive.class, "poolSize=1&chunkSize=1");
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, 200).boxed().toList());
        ParallelTaskException failure = assertInstanceOf(ParallelTaskException.class, out.getException());
        assertEquals(5, failure.getIndex());
        assertTrue(failure.getMessage().contains("Item 5"), failure.getMessage());
        assertFailedWith(IllegalStateException.class, "boom at 5", failure.getCause());
        int runs = ContractTasks.count(scratch, "run");
        assertTrue(runs < 20, "tasks after the failure must not start, but " + runs + " ran");
    }

    @Test
    void collectModeLeavesNullAndReportsByIndex() throws Exception {
        start(ContractTasks.FailsOnThrees.class, "poolSize=3&onError=collect");
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, 100).boxed().toList());
        List<Object> results = results(out);
        assertEquals(100, results.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i % 10 == 3 ? null : i * 2, results.get(i), "index " + i);
        }
        Map<Integer, Throwable> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertEquals(IntStream.range(0, 100).filter(i -> i % 10 == 3).boxed().collect(Collectors.toSet()), errors.keySet());
        assertFailedWith(IllegalArgumentException.class, "bad 13", errors.get(13));
        assertEquals(10, out.getMessage().getHeader(ParallelConstants.FAILED_COUNT));
    }

    @Test
    void skipModeDropsFailedItemsAndStillListsThem() throws Exception {
        start(ContractTasks.FailsOnOdd.class, "poolSize=2&onError=skip");
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, 50).boxed().toList());
        assertEquals(IntStream.range(0, 50).filter(i -> i % 2 == 0).boxed().toList(), results(out));
        Map<Integer, Throwable> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertEquals(25, errors.size());
        assertTrue(errors.containsKey(49));
    }

    @Test
    void retriesReRunAFailedItemAndCountTheReRuns() throws Exception {
        start(ContractTasks.FlakyFours.class, "poolSize=2&maxRetries=2&retryDelay=20ms");
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, 20).boxed().toList());
        assertEquals(IntStream.range(0, 20).boxed().toList(), results(out));
        assertEquals(10, out.getMessage().getHeader(ParallelConstants.RETRIES), "5 flaky items x 2 re-runs");
        assertEquals(3, ContractTasks.count(scratch, "item-8."));
        assertEquals(1, ContractTasks.count(scratch, "item-9."));
    }

    @Test
    void retriesExhaustedFailTheItem() throws Exception {
        start(ContractTasks.AlwaysFailsOne.class, "poolSize=2&maxRetries=3&onError=collect");
        Exchange out = TestContexts.send(context, "direct:in", List.of(0, 1, 2));
        assertEquals(java.util.Arrays.asList(0, null, 2), results(out));
        assertEquals(4, ContractTasks.count(scratch, "item-1."), "1 run + 3 retries");
        assertEquals(3, out.getMessage().getHeader(ParallelConstants.RETRIES));
    }

    @Test
    void taskTimeoutInterruptsTheLateItemAndThePoolGoesOn() throws Exception {
        start(ContractTasks.HangsOnThree.class, "poolSize=2&chunkSize=1&taskTimeout=300ms&onError=collect");
        long t0 = System.nanoTime();
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, 8).boxed().toList());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 15, "the late item must not hold the batch");
        List<Object> results = results(out);
        assertNull(results.get(3));
        assertEquals(7, results.get(7));
        Map<Integer, Throwable> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertInstanceOf(TimeoutException.class, errors.get(3));
        assertTrue(errors.get(3).getMessage().contains("taskTimeout"), errors.get(3).getMessage());
        // the pool still serves, with every thread
        assertEquals(IntStream.range(10, 30).boxed().toList(),
                results(TestContexts.send(context, "direct:in", IntStream.range(10, 30).boxed().toList())));
    }

    @Test
    void taskTimeoutWithRetriesReRunsTheItem() throws Exception {
        start(ContractTasks.HangsOnceOnZero.class, "poolSize=2&taskTimeout=300ms&maxRetries=1");
        Exchange out = TestContexts.send(context, "direct:in", List.of(0, 1));
        assertEquals(List.of(100, 101), results(out));
        assertEquals(1, out.getMessage().getHeader(ParallelConstants.RETRIES));
    }

    @Test
    void batchTimeoutReportsEveryUnfinishedItemByIndex() throws Exception {
        start(ContractTasks.HangsFromFour.class, "poolSize=2&chunkSize=1&timeout=500ms&onError=collect");
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, 10).boxed().toList());
        List<Object> results = results(out);
        assertEquals(List.of(0, 1, 2, 3), results.subList(0, 4));
        Map<Integer, Throwable> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertEquals(Set.of(4, 5, 6, 7, 8, 9), errors.keySet(), "nothing silently dropped");
        errors.values().forEach(e -> assertInstanceOf(TimeoutException.class, e));
        assertTrue(errors.get(9).getMessage().contains("Item 9"), errors.get(9).getMessage());
        // the late items were stopped (threads interrupted, workers killed and replaced): the pool serves at once,
        // not after the 20 s the late items would have taken. The follow-up goes through a second endpoint of the same
        // pool without the 500 ms batch timeout: a replaced worker process is a cold start, which may take longer.
        context.addRoutes(TestContexts.route("direct:again", "parallel:contract?" + backendOptions(scratch)
                + "&task=#class:" + ContractTasks.HangsFromFour.class.getName() + "&poolSize=2&chunkSize=1"));
        long t0 = System.nanoTime();
        assertEquals(List.of(1, 2, 3), results(TestContexts.send(context, "direct:again", List.of(1, 2, 3))));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 12, "the pool was still busy with late items");
    }

    @Test
    void batchTimeoutFailsTheExchangeInFailMode() throws Exception {
        start(ContractTasks.HangsOnOne.class, "poolSize=2&timeout=400ms");
        Exchange out = TestContexts.send(context, "direct:in", List.of(0, 1, 2));
        ParallelTaskException failure = assertInstanceOf(ParallelTaskException.class, out.getException());
        assertEquals(1, failure.getIndex());
        assertInstanceOf(TimeoutException.class, failure.getCause());
        Map<Integer, Throwable> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertTrue(errors.containsKey(1));
    }

    @Test
    void nestedBatchesOnAPoolOfTwoCompleteAtDepthThree() throws Exception {
        assumeTrue(tasksCanSendToRoutes(), "a task in a worker process cannot send to this JVM's routes");
        List<ProducerTemplate> holder = new ArrayList<>();
        // level n: every item sends a batch of 4 items to the same pool at level n+1; level 3 returns the item
        Function<List<Integer>, Integer> task = path -> {
            if (path.size() == 3) {
                return 1;
            }
            List<List<Integer>> children = IntStream.range(0, 4).mapToObj(i -> {
                List<Integer> child = new ArrayList<>(path);
                child.add(i);
                return child;
            }).toList();
            List<?> results = holder.get(0).requestBody("direct:in", children, List.class);
            return results.stream().mapToInt(r -> (Integer) r).sum();
        };
        context = TestContexts.started(Map.of("task", task), TestContexts.route("direct:in",
                "parallel:nested?" + backendOptions(scratch) + "&task=#task&poolSize=2&chunkSize=1"));
        holder.add(context.createProducerTemplate());
        List<List<Integer>> roots = IntStream.range(0, 4).mapToObj(i -> List.of(i)).toList();
        List<?> results = holder.get(0).requestBody("direct:in", roots, List.class);
        assertEquals(Collections.nCopies(4, 16), results, "4 roots x 4 x 4 leaves each");
    }

}
