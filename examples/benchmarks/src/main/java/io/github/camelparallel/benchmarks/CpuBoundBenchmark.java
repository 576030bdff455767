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
 * Scenario "CPU-bound": a batch of {@code cpuItems} items, each {@code cpuRounds} chained SHA-256 digests (about
 * 5–20 ms of real computation; the number of rounds is fixed per preset, so every peer and every run hashes the
 * same input). One operation = one whole batch, timed single-shot.
 * <p>
 * The figure that matters is the speed-up of {@code parallel:} with {@code poolSize=2} over {@code poolSize=1};
 * the sequential loop and a hand-chunked {@code ExecutorService} show what the machine itself allows.
 * The annotations are the defaults; {@link BenchmarkMain} overrides sizes and iterations.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class CpuBoundBenchmark {

    /** The batch and the task, shared by every peer. */
    @State(Scope.Benchmark)
    public static class Batch {
        @Param("200")
        public int cpuItems;
        @Param("30000")
        public int cpuRounds;

        List<Integer> items;
        Function<Integer, Long> task;

        @Setup(Level.Trial)
        public void setUp() {
            items = Workloads.items(cpuItems);
            task = Workloads.sha256Function(cpuRounds);
        }
    }

    /** Ours: {@code direct:run → parallel:cpu?task=#task&poolSize=P&chunkSize=0} in a real Camel context. */
    @State(Scope.Benchmark)
    public static class Ours {
        @Param({"1", "2"})
        public int poolSize;

        CamelPeers camel;

        @Setup(Level.Trial)
        public void setUp(Batch batch) throws Exception {
            camel = CamelPeers.parallel("cpu", batch.task, poolSize, 0);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            camel.close();
        }
    }

    @Benchmark
    public List<?> sequential(Batch batch) {
        return Sequential.map(batch.items, batch.task);
    }

    @Benchmark
    public List<?> parallel(Batch batch, Ours ours) {
        return ours.camel.run(batch.items);
    }

    @Benchmark
    public List<?> executor(Batch batch, HandChunkedState executor) throws InterruptedException {
        return executor.pool.map(batch.items, batch.task);
    }
}
