package io.github.camelparallel.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The job lists of the plain-harness scenarios ({@link PlainHarness}), sized from the run's preset and the
 * {@code bench.io.*} and {@code bench.latency.*} properties (docs/benchmarks.md lists them):
 * <ul>
 * <li>{@link #IO}: {@code ioItems} tasks that each wait {@code ioWait} ms, at {@code ioConcurrency} items at once
 * for every peer that can be told so; peers that cannot (parallelStream, Camel's split, a loop, 2 worker processes)
 * get a batch that takes about a second at their own concurrency, and are compared by items/s.</li>
 * <li>{@link #LATENCY}: a 10-item {@code cube} batch on a warm pool, many times; p50 and p99 per peer.</li>
 * <li>{@link #CPU_MORE} and {@link #TINY_MORE}: the CPU-bound and tiny-task rows JMH's scenarios do not have (virtual
 * threads, Hazelcast, {@code parallelStream()}, Camel's streaming split), each with its in-harness baseline.</li>
 * </ul>
 * Stateless.
 */
final class PlainScenarios {

    static final String IO = "io";
    static final String LATENCY = "latency";
    static final String CPU_MORE = "cpu";
    static final String TINY_MORE = "tiny";

    /** Labels the report and the charts look rows up by. */
    static final String SEQUENTIAL = "sequential loop";
    static final String STREAM = "parallelStream()";
    static final String SPLIT = "Camel split().parallelProcessing()";
    static final String SPLIT_STREAMING = "Camel split().streaming().parallelProcessing()";
    static final String THREAD = "parallel: backend=thread";
    static final String VIRTUAL = "parallel: backend=virtual";
    static final String PROCESS = "parallel: backend=process";
    static final String HAZELCAST = "parallel: backend=hazelcast (embedded)";
    static final String EXECUTOR = "hand-chunked ExecutorService";
    static final String VEXECUTOR = "hand-chunked virtual-thread-per-task executor";

    /** The label suffix of a row measured on the run's tuned fork flags ({@code bench.jvmArgs}) beside the default. */
    static final String TUNED = " · tuned flags";

    /** Camel's default thread pool profile: 10 threads (up to 20 once its queue of 1,000 is full). */
    static final int SPLIT_THREADS = 10;

    private PlainScenarios() {
    }

    static int ioItems(BenchSettings s) {
        return Integer.getInteger("bench.io.items", s.preset().equals("smoke") ? 200 : 10_000);
    }

    static int ioWait(BenchSettings s) {
        return Integer.getInteger("bench.io.waitMillis", s.preset().equals("smoke") ? 2 : 10);
    }

    static int ioConcurrency(BenchSettings s) {
        return Integer.getInteger("bench.io.concurrency", s.preset().equals("smoke") ? 50 : 1_000);
    }

    /** The I/O-bound jobs; every parallel peer of ours and the hand-chunked executors at {@code ioConcurrency}. */
    static List<PlainHarness.Job> io(BenchSettings s) {
        int n = ioItems(s);
        int c = ioConcurrency(s);
        String task = "wait:" + ioWait(s);
        boolean full = s.preset().equals("full");
        int warmup = Integer.getInteger("bench.io.warmup", s.preset().equals("smoke") ? 0 : 1);
        int measure = Integer.getInteger("bench.io.measure", s.preset().equals("smoke") ? 1 : full ? 5 : 3);
        // the in-JVM peers at the full concurrency take about 0.1 s a batch: after one warm-up batch (10,000 one-item
        // chunks for ours) their first measured batches still ran partly interpreted, 1.1-1.6x the later ones
        int jitWarmup = Integer.getInteger("bench.io.jitWarmup", s.preset().equals("smoke") ? 0 : Math.max(warmup, 3));
        // about a second per batch for the peers whose concurrency is their own (never more than the full batch)
        int perSecond = Math.max(1, 1000 / ioWait(s));
        int streamC = ForkJoinPool.getCommonPoolParallelism() + 1;
        List<PlainHarness.Job> jobs = new ArrayList<>();
        jobs.add(job(IO, VIRTUAL + " poolSize=" + c + " (ours)", "ours:backend=virtual&poolSize=" + c, task, n, c,
                jitWarmup, measure, true));
        jobs.add(job(IO, VIRTUAL + " poolSize=" + c + " chunkSize=10 (diagnostic)",
                "ours:backend=virtual&poolSize=" + c + "&chunkSize=10", task, n, c, jitWarmup, measure, true));
        jobs.add(job(IO, THREAD + " poolSize=" + c, "ours:backend=thread&poolSize=" + c, task, n, c, jitWarmup, measure,
                false));
        // a fifth of the batch: about 1 ms of CPU per chunk on 2 cores makes the whole batch take seconds
        jobs.add(job(IO, HAZELCAST + " poolSize=" + c, "ours:backend=hazelcast&poolSize=" + c, task, Math.max(1, n / 5),
                c, warmup, measure, false));
        jobs.add(job(IO, PROCESS + " poolSize=2", "ours:backend=process&poolSize=2", task,
                Math.min(n, 2 * perSecond), 2, warmup, measure, false));
        jobs.add(job(IO, VEXECUTOR + ", " + c + " chunks", "vexecutor:" + c, task, n, c, jitWarmup, measure, true));
        jobs.add(job(IO, EXECUTOR + ", " + c + " threads", "executor:" + c, task, n, c, jitWarmup, measure, false));
        jobs.add(job(IO, STREAM, "stream", task, Math.min(n, streamC * perSecond), streamC, warmup, measure, false));
        jobs.add(job(IO, SPLIT, "split", task, Math.min(n, SPLIT_THREADS * perSecond), SPLIT_THREADS, warmup, measure,
                false));
        jobs.add(job(IO, SPLIT_STREAMING, "splitStreaming", task, Math.min(n, SPLIT_THREADS * perSecond),
                SPLIT_THREADS, warmup, measure, false));
        jobs.add(job(IO, SEQUENTIAL, "sequential", task, Math.min(n, perSecond), 1, 0, Math.min(measure, 2), false));
        return jobs;
    }

    static final int LATENCY_ITEMS = 10;

    /** The small-batch jobs: a 10-item batch of {@code cube}, warm, on every backend and peer. */
    static List<PlainHarness.Job> latency(BenchSettings s) {
        boolean smoke = s.preset().equals("smoke");
        boolean full = s.preset().equals("full");
        int warmup = Integer.getInteger("bench.latency.warmup", smoke ? 5 : full ? 2_000 : 500);
        int measure = Integer.getInteger("bench.latency.measure", smoke ? 20 : full ? 10_000 : 2_000);
        // in-JVM peers cost microseconds a batch: enough warm-up batches for the JIT's optimizing compiler (about
        // 10,000 calls of a method) to reach the whole path, which 500 batches leave half interpreted
        int jitWarmup = Integer.getInteger("bench.latency.jitWarmup", smoke ? 5 : Math.max(warmup, 20_000));
        int p = s.threads();
        List<PlainHarness.Job> jobs = new ArrayList<>();
        String cube = "cube";
        jobs.add(job(LATENCY, THREAD + " poolSize=" + p + " (ours)", "ours:backend=thread&poolSize=" + p, cube,
                LATENCY_ITEMS, p, jitWarmup, measure, false));
        jobs.add(job(LATENCY, VIRTUAL + " poolSize=" + p, "ours:backend=virtual&poolSize=" + p, cube, LATENCY_ITEMS, p,
                jitWarmup, measure, true));
        jobs.add(job(LATENCY, PROCESS + " poolSize=" + p, "ours:backend=process&poolSize=" + p, cube, LATENCY_ITEMS, p,
                warmup, measure, false));
        jobs.add(job(LATENCY, HAZELCAST + " poolSize=" + p, "ours:backend=hazelcast&poolSize=" + p, cube,
                LATENCY_ITEMS, p, warmup, measure, false));
        jobs.add(job(LATENCY, EXECUTOR + ", " + p + " threads", "executor:" + p, cube, LATENCY_ITEMS, p, jitWarmup,
                measure, false));
        jobs.add(job(LATENCY, STREAM, "stream", cube, LATENCY_ITEMS, 0, jitWarmup, measure, false));
        jobs.add(job(LATENCY, SPLIT, "split", cube, LATENCY_ITEMS, 0, jitWarmup, measure, false));
        jobs.add(job(LATENCY, SPLIT_STREAMING, "splitStreaming", cube, LATENCY_ITEMS, 0, jitWarmup, measure, false));
        jobs.add(job(LATENCY, SEQUENTIAL, "sequential", cube, LATENCY_ITEMS, 1, jitWarmup, measure, false));
        return jobs;
    }

    /** The same jobs, labelled as measured on the tuned flags (they run in a fork of their own). */
    static List<PlainHarness.Job> tuned(List<PlainHarness.Job> jobs) {
        return jobs.stream().map(j -> new PlainHarness.Job(j.scenario(), j.label() + TUNED, j.peer(), j.task(),
                j.items(), j.concurrency(), j.warmup(), j.measure(), j.needsJdk21())).toList();
    }

    /**
     * The CPU-bound rows JMH does not run: virtual threads and Hazelcast with 1 and {@code threads} workers,
     * {@code parallelStream()} and Camel's split against a sequential loop timed by the same harness.
     */
    static List<PlainHarness.Job> cpuMore(BenchSettings s) {
        String task = "sha:" + s.cpuRounds();
        int n = s.cpuItems();
        int warmup = s.cpuWarmup();
        int measure = Math.max(1, s.cpuMeasure());
        int p = s.threads();
        List<PlainHarness.Job> jobs = new ArrayList<>();
        for (int size : new int[] {1, p}) {
            jobs.add(job(CPU_MORE, VIRTUAL + " poolSize=" + size, "ours:backend=virtual&poolSize=" + size, task, n,
                    size, warmup, measure, true));
        }
        for (int size : new int[] {1, p}) {
            jobs.add(job(CPU_MORE, HAZELCAST + " poolSize=" + size, "ours:backend=hazelcast&poolSize=" + size, task, n,
                    size, warmup, measure, false));
        }
        jobs.add(job(CPU_MORE, SEQUENTIAL, "sequential", task, n, 1, warmup, measure, false));
        jobs.add(job(CPU_MORE, STREAM, "stream", task, n, 0, warmup, measure, false));
        jobs.add(job(CPU_MORE, SPLIT, "split", task, n, SPLIT_THREADS, warmup, measure, false));
        return jobs;
    }

    /**
     * The tiny-task rows JMH does not run, with ours on the thread backend and a loop timed by the same harness for
     * the ratios: virtual threads, Hazelcast, {@code parallelStream()}, Camel's streaming split.
     */
    static List<PlainHarness.Job> tinyMore(BenchSettings s) {
        boolean smoke = s.preset().equals("smoke");
        int warmup = Integer.getInteger("bench.tinyMore.warmup", smoke ? 0 : 5);
        int measure = Integer.getInteger("bench.tinyMore.measure", smoke ? 1 : 10);
        int n = s.tinyItems();
        int p = s.threads();
        List<PlainHarness.Job> jobs = new ArrayList<>();
        jobs.add(job(TINY_MORE, THREAD + " poolSize=" + p + " (ours)", "ours:backend=thread&poolSize=" + p, "cube", n,
                p, warmup, measure, false));
        jobs.add(job(TINY_MORE, VIRTUAL + " poolSize=" + p, "ours:backend=virtual&poolSize=" + p, "cube", n, p,
                warmup, measure, true));
        jobs.add(job(TINY_MORE, HAZELCAST + " poolSize=" + p, "ours:backend=hazelcast&poolSize=" + p, "cube", n, p,
                Math.min(warmup, 2), Math.min(measure, 3), false));
        jobs.add(job(TINY_MORE, STREAM, "stream", "cube", n, 0, warmup, measure, false));
        jobs.add(job(TINY_MORE, SPLIT_STREAMING, "splitStreaming", "cube", s.splitItems(), 0, Math.min(warmup, 3),
                Math.min(measure, 5), false));
        jobs.add(job(TINY_MORE, SEQUENTIAL, "sequential", "cube", n, 1, warmup, measure, false));
        return jobs;
    }

    private static PlainHarness.Job job(String scenario, String label, String peer, String task, int items,
            int concurrency, int warmup, int measure, boolean jdk21) {
        return new PlainHarness.Job(scenario, label, peer, task, items, concurrency, warmup, measure, jdk21);
    }
}
