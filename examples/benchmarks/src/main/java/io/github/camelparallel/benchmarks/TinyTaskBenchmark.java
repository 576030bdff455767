package io.github.camelparallel.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario "tiny tasks": {@code cube} over a boxed list of {@code tinyItems} integers, so what is measured is the
 * per-item cost of dispatching. One operation = one whole batch; the score is the average time per batch, which
 * {@link BenchmarkMain} turns into items/s and ns/item.
 * <p>
 * Peers: ours with {@code chunkSize=0} (auto) and, as a diagnostic, with the hand-chunked peer's even split; a
 * hand-chunked {@code ExecutorService}; Camel's {@code split(body()).parallelProcessing()} on a smaller batch of
 * {@code splitItems} (it needs an exchange per item; per-item figures stay comparable); and a sequential loop.
 * The annotations are the defaults; {@link BenchmarkMain} overrides sizes and iterations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class TinyTaskBenchmark {

    /** Chunking of ours: {@code chunkSize=0}, or the even split the hand-chunked peer uses. */
    public static final String AUTO = "auto";
    public static final String EVEN = "even";

    static final Function<Integer, Long> CUBE = Workloads.cubeFunction();

    /** The batch every peer but split gets. */
    @State(Scope.Benchmark)
    public static class Batch {
        @Param("1000000")
        public int tinyItems;

        List<Integer> items;

        @Setup(Level.Trial)
        public void setUp() {
            items = Workloads.items(tinyItems);
        }
    }

    /** Ours: {@code direct:run → parallel:tiny?task=#task&poolSize=P&chunkSize=C} in a real Camel context. */
    @State(Scope.Benchmark)
    public static class Ours {
        @Param("2")
        public int poolSize;
        /** {@link #AUTO}: chunkSize=0; {@link #EVEN}: chunkSize = items / (2 × poolSize), rounded up. */
        @Param({AUTO, EVEN})
        public String chunking;

        CamelPeers camel;

        @Setup(Level.Trial)
        public void setUp(Batch batch) throws Exception {
            int chunkSize = AUTO.equals(chunking) ? 0 : evenChunkSize(batch.tinyItems, poolSize);
            camel = CamelPeers.parallel("tiny", CUBE, poolSize, chunkSize);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            camel.close();
        }
    }

    /** The smaller batch for Camel's split. */
    @State(Scope.Benchmark)
    public static class SplitBatch {
        @Param("20000")
        public int splitItems;

        List<Integer> items;
        CamelPeers camel;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            items = Workloads.items(splitItems);
            camel = CamelPeers.split(CUBE);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            camel.close();
        }
    }

    /** The chunk size of the even split: as many chunks as the hand-chunked peer cuts (2 per thread). */
    public static int evenChunkSize(int items, int threads) {
        int chunks = 2 * threads;
        return Math.max(1, (items + chunks - 1) / chunks);
    }

    @Benchmark
    public List<?> sequential(Batch batch) {
        return Sequential.map(batch.items, CUBE);
    }

    @Benchmark
    public List<?> parallel(Batch batch, Ours ours) {
        return ours.camel.run(batch.items);
    }

    @Benchmark
    public List<?> executor(Batch batch, HandChunkedState executor) throws InterruptedException {
        return executor.pool.map(batch.items, CUBE);
    }

    @Benchmark
    public List<?> split(SplitBatch batch) {
        return batch.camel.run(batch.items);
    }
}
