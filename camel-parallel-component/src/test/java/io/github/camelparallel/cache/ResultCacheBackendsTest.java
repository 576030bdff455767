package io.github.camelparallel.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.contract.ContractTasks;
import io.github.camelparallel.management.PoolStatistics;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code cache=true} on every backend (virtual: {@link VirtualResultCacheTest}), list and streaming: the second run of a batch runs no task and hands out the
 * same results, of the same type, in order. Runs are counted by marker files, which worker JVMs write too.
 */
class ResultCacheBackendsTest {

    private static final int ITEMS = 120;

    @TempDir
    Path scratch;
    @TempDir
    Path cacheDir;

    @ParameterizedTest(name = "{0}, streaming={1}")
    @CsvSource({ "thread,false", "thread,true", "process,false", "process,true", "hazelcast,false", "hazelcast,true" })
    void aSecondRunOfTheBatchRunsNoTask(String backend, boolean streaming) throws Exception {
        secondRunRunsNoTask(backend, streaming, scratch, cacheDir);
    }

    /** The check, also run over {@code backend=virtual} by {@link VirtualResultCacheTest} on JDK 21+. */
    static void secondRunRunsNoTask(String backend, boolean streaming, Path scratch, Path cacheDir) throws Exception {
        System.setProperty(ContractTasks.SCRATCH_PROPERTY, scratch.toString());
        String uri = "parallel:cached-" + backend + "?backend=" + backend + "&poolSize=2&cache=true&cacheDir=" + cacheDir
                + "&streaming=" + streaming + "&task=#class:" + ContractTasks.CountedCube.class.getName()
                + ("process".equals(backend) ? "&workerEnv." + ContractTasks.SCRATCH_ENV + "=" + scratch : "");
        List<Integer> batch = IntStream.range(0, ITEMS).boxed().toList();
        try (CamelContext context = TestContexts.started(Map.of(), TestContexts.route("direct:in", uri))) {
            List<Object> first = run(context, batch, streaming);
            assertEquals(ITEMS, ContractTasks.count(scratch, "run"), "the first run computes every item");

            List<Object> second = run(context, batch, streaming);
            assertEquals(ITEMS, ContractTasks.count(scratch, "run"), "the second run runs no task");
            assertEquals(first, second);
            for (int i = 0; i < ITEMS; i++) {
                assertEquals((long) i * i * i, second.get(i), "item " + i);
            }
            assertInstanceOf(Long.class, second.get(7), "a cached Long comes back as a Long");

            PoolStatistics statistics = context.getComponent("parallel", ParallelComponent.class)
                    .getPoolManagement("cached-" + backend).statistics();
            // a streamed batch is recorded when it ends, which may be just after its consumer saw the last result
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((statistics.cacheHits() < ITEMS || statistics.cacheMisses() < ITEMS) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(ITEMS, statistics.cacheHits(), statistics.batches() + " batches recorded");
            assertEquals(ITEMS, statistics.cacheMisses(), statistics.batches() + " batches recorded");
        } finally {
            System.clearProperty(ContractTasks.SCRATCH_PROPERTY);
        }
    }

    private static List<Object> run(CamelContext context, List<Integer> batch, boolean streaming) {
        Exchange out = TestContexts.send(context, "direct:in", batch);
        assertNull(out.getException());
        if (!streaming) {
            return out.getMessage().getBody(List.class);
        }
        List<Object> results = new ArrayList<>();
        Iterator<?> it = out.getMessage().getBody(Iterator.class);
        it.forEachRemaining(results::add);
        return results;
    }
}
