package io.github.camelparallel.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns JMH's results into the Markdown tables of docs/benchmarks.md: the machine, then one table per scenario
 * with each peer's median and spread, its throughput and its ratio to ours, then the goals. Every figure is a
 * median over measured iterations (and forks); the spread is the fastest and slowest iteration.
 * <p>
 * Not thread-safe: one instance per run.
 */
final class BenchReport {

    static final String SEQUENTIAL = "sequential loop";
    static final String EXECUTOR = "hand-chunked ExecutorService";
    static final String SPLIT = "Camel split().parallelProcessing()";
    static final String OURS_AUTO = "parallel: chunkSize=0 (ours)";
    static final String OURS_EVEN = "parallel: chunkSize=N/(2×pool) (diagnostic)";

    private final StringBuilder out = new StringBuilder();
    private final String loadBefore = loadAverage();
    private final Goals goals = new Goals();
    private final BenchCharts charts = new BenchCharts();
    private final PlainReport plain = new PlainReport(out, goals, charts);
    private final int headerLength;

    BenchReport(BenchSettings s) {
        out.append("## Machine and run\n\n");
        out.append("| | |\n|---|---|\n");
        row("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " available processors");
        row("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.vendor") + ")");
        row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        row("Harness", "JMH " + jmhVersion() + ", preset `" + s.preset() + "`, JVMs per benchmark: " + forks(s.cpuForks())
                + " (CPU-bound), " + forks(s.tinyForks()) + " (tiny tasks); forks on the JVM's default flags (the"
                + " headline rows), tuned rows beside them on `" + String.join(" ", s.jvmArgs()) + "`");
        row("Date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        row("Virtual threads", Runtime.version().feature() >= 21 ? "this JVM"
                : "rows marked Java 21+ ran in a fork on the second JDK set by `jdk21plus.home` (this JVM is Java "
                        + Runtime.version().feature() + ")");
        out.append("\n");
        headerLength = out.length();
    }

    /** The plain-harness tables (I/O-bound, latency, extra tiny and CPU rows), gathered here. */
    PlainReport plain() {
        return plain;
    }

    BenchCharts charts() {
        return charts;
    }

    Goals goals() {
        return goals;
    }

    /** A bar of the tiny-task chart. */
    static void tinyBar(BenchCharts charts, String peer, double perSecond) {
        charts.bar("tiny-tasks.png", "Tiny tasks: cube, million items/s (log scale, higher is better;"
                + " [JMH] and [plain] rows are two harnesses, each with its own run of ours)",
                "million items/s", true, "million items/s", peer, perSecond / 1e6);
    }

    /** The CPU-bound table and the speed-up goal. */
    void cpuBound(BenchSettings s, Collection<RunResult> results) {
        goals.scenario("cpu");
        Figure seq = find(results, "sequential", Map.of());
        Figure one = find(results, "parallel", Map.of("poolSize", "1"));
        Figure many = find(results, "parallel", Map.of("poolSize", String.valueOf(s.threads())));
        Figure exec = find(results, "executor", Map.of());
        int n = s.cpuItems();
        out.append("## CPU-bound: ").append(n).append(" items × ").append(s.cpuRounds())
                .append(" SHA-256 rounds (about ").append(fmt(seq.median / n)).append(" ms per item)\n\n");
        out.append("One batch per measured iteration (JMH single-shot): ").append(s.cpuWarmup())
                .append(" warm-up and ").append(s.cpuMeasure()).append(" measured batches in each of ")
                .append(forks(s.cpuForks())).append(" JVM(s); median and spread over all measured batches.\n\n");
        out.append("| Peer | Threads | Median per batch (ms) | Min – max (ms) | Speed-up vs sequential | ours (poolSize=")
                .append(s.threads()).append(") ÷ peer |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        cpuRow(SEQUENTIAL, 1, seq, seq, many);
        cpuRow("parallel: poolSize=1", 1, one, seq, many);
        cpuRow("parallel: poolSize=" + s.threads() + " (ours)", s.threads(), many, seq, many);
        cpuRow(EXECUTOR, s.threads(), exec, seq, many);
        double speedUp = one.median / many.median;
        plain.speedUp("parallel: backend=thread poolSize=" + s.threads() + " (JMH)", "1 → " + s.threads(),
                javaVersion(), timing(one), timing(many), "parallel: poolSize=1", timing(seq));
        plain.speedUp(EXECUTOR + " (JMH)", "loop → " + s.threads() + " threads", javaVersion(), timing(seq),
                timing(exec), SEQUENTIAL, timing(seq));
        goals.add("CPU-bound speed-up, thread backend, poolSize=2 over 1", 1.9, true, speedUp, "x",
                "JMH, " + forks(s.cpuForks()) + " JVM(s); hand-chunked pool: " + ratio(seq.median / exec.median)
                        + " over the loop");
        out.append("\n**Speed-up of `parallel:` poolSize=").append(s.threads()).append(" over poolSize=1: ")
                .append(String.format(Locale.ROOT, "%.3fx", speedUp)).append("** (goal ≥ 1.9x on 2 cores: ")
                .append(speedUp >= 1.9 ? "met" : "NOT met")
                .append("); over the measured batches it ranges ").append(ratio(one.min / many.max)).append(" – ")
                .append(ratio(one.max / many.min)).append(". The hand-chunked pool reaches ")
                .append(ratio(seq.median / exec.median)).append(" over the sequential loop on the same machine.\n\n");
    }

    /**
     * The tiny-task table and the per-item ratios; {@code jvmArgs} are the JMH forks' flags (empty: the JVM's default
     * flags, the headline; else the tuned table beside it). The hand-chunked goal is stated for both.
     */
    void tinyTasks(BenchSettings s, Collection<RunResult> results, List<String> jvmArgs) {
        goals.scenario("tiny");
        boolean tuned = !jvmArgs.isEmpty();
        String flags = tuned ? "tuned flags `" + String.join(" ", jvmArgs) + "`" : "default flags";
        Figure ours = find(results, "parallel", Map.of("chunking", TinyTaskBenchmark.AUTO));
        Figure even = find(results, "parallel", Map.of("chunking", TinyTaskBenchmark.EVEN));
        Figure exec = find(results, "executor", Map.of());
        Figure split = find(results, "split", Map.of());
        Figure seq = find(results, "sequential", Map.of());
        out.append("<a id=\"tiny-tasks\"></a>\n\n");
        out.append("## Tiny tasks: `cube` over ").append(String.format(Locale.ROOT, "%,d", ours.items))
                .append(" boxed ints (split: ").append(String.format(Locale.ROOT, "%,d", split.items)).append("), ")
                .append(flags).append("\n\n");
        out.append("JMH average time per batch over ").append(s.tinyMeasure()).append(" measured iterations of ")
                .append(s.tinyIterationMillis()).append(" ms in each of ").append(forks(s.tinyForks()))
                .append(" JVM(s), after ").append(s.tinyWarmup())
                .append(" warm-up iterations; the ratio is ours' items/s divided by the peer's (above 1: ours is faster).\n\n");
        out.append("| Peer | Items per batch | Median per batch (ms) | Min – max (ms) | Items/s | ns per item"
                + " | ours ÷ peer |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        tinyRow(OURS_AUTO, ours, ours);
        tinyRow(OURS_EVEN, even, ours);
        tinyRow(EXECUTOR, exec, ours);
        tinyRow(SPLIT, split, ours);
        tinyRow(SEQUENTIAL, seq, ours);
        String jmh = " [JMH, " + javaVersion() + (tuned ? ", tuned" : "") + "]";
        tinyBar(charts, OURS_AUTO + jmh, ours.perSecond());
        tinyBar(charts, EXECUTOR + jmh, exec.perSecond());
        tinyBar(charts, SPLIT + jmh, split.perSecond());
        tinyBar(charts, SEQUENTIAL + jmh, seq.perSecond());
        if (!tuned) {
            goals.add("Tiny tasks, thread backend: items/s ÷ Camel `split().parallelProcessing()`", 20, true,
                    ours.perSecond() / split.perSecond(), "x", "JMH, default flags; split on "
                            + String.format(Locale.ROOT, "%,d", split.items) + " items, ours on "
                            + String.format(Locale.ROOT, "%,d", ours.items));
        }
        goals.add("Tiny tasks, thread backend: items/s ÷ hand-chunked `ExecutorService` (same boxed list), "
                + (tuned ? "tuned flags" : "default flags"), 0.9, true, ours.perSecond() / exec.perSecond(), "x",
                "JMH; " + fmt(ours.nanosPerItem()) + " against " + fmt(exec.nanosPerItem()) + " ns per item");
        out.append("\nOurs ÷ the hand-chunked pool's items/s on ").append(flags).append(": ")
                .append(ratio(ours.perSecond() / exec.perSecond())).append(" (goal ≥ 0.9x); ÷ split's: ")
                .append(ratio(ours.perSecond() / split.perSecond())).append(".\n\n");
    }

    /** The process backend's three tables: tiny tasks against Python, CPU-bound speed-up, cold start. */
    void processBackend(ProcessBenchmark.Results r) {
        goals.scenario("process");
        out.append("## Process backend (JVM workers) against Python's `multiprocessing.Pool`\n\n");
        out.append("A plain harness in a forked JVM (the peer is another process): ").append(r.warmup())
                .append(" warm-up and ").append(r.measure()).append(" measured batches per peer, ").append(r.coldReps())
                .append(" measured cold starts; medians, with the fastest and slowest repetition. Parent JVM flags: `")
                .append(String.join(" ", r.parentJvmArgs())).append("` (the JMH forks' flags); Python: ")
                .append(r.python()).append(".\n\n");
        out.append("### Tiny tasks: `cube` over ").append(String.format(Locale.ROOT, "%,d", r.tinyItems()))
                .append(" ints, 2 workers\n\n");
        out.append("| Peer | Median per batch (ms) | Min – max (ms) | Items/s | ours ÷ peer |\n|---|---:|---:|---:|---:|\n");
        processRow(r.oursTiny(), r.oursTiny(), r.tinyItems());
        if (r.oursTinyDefaultJvm().measured()) {
            processRow(new ProcessBenchmark.Timing("the same, parent JVM on default flags (G1)",
                    r.oursTinyDefaultJvm().millis()), r.oursTiny(), r.tinyItems());
        }
        processRow(r.pythonTiny(), r.oursTiny(), r.tinyItems());
        if (r.pythonExecutorTiny() != null) {
            processRow(r.pythonExecutorTiny(), r.oursTiny(), r.tinyItems());
        }
        for (ProcessBenchmark.Timing t : new ProcessBenchmark.Timing[] {r.oursTiny(), r.pythonTiny(),
                r.pythonExecutorTiny()}) {
            if (t != null && t.measured()) {
                tinyBar(charts, t.peer(), r.tinyItems() / (t.median() / 1000));
            }
        }
        processTinyGoal("default flags", 1.5, r.oursTinyDefaultJvm(), r);
        processTinyGoal("tuned flags", 2, r.oursTiny(), r);
        if (r.pythonTiny().measured()) {
            out.append("\nOurs ÷ Python items/s, parent on default flags: ").append(r.oursTinyDefaultJvm().measured()
                    ? ratio(r.pythonTiny().median() / r.oursTinyDefaultJvm().median()) : "not measured")
                    .append(" (goal ≥ 1.5x); parent on the tuned flags: ")
                    .append(ratio(r.pythonTiny().median() / r.oursTiny().median())).append(" (goal ≥ 2x).\n\n");
        } else {
            out.append("\nPython peer not run: ").append(r.python()).append(".\n\n");
        }
        out.append("### CPU-bound: ").append(r.cpuItems()).append(" SHA-256 items, 1 and 2 workers\n\n");
        out.append("| Peer | Median per batch (ms) | Min – max (ms) |\n|---|---:|---:|\n");
        processRow(r.cpuOne(), null, 0);
        processRow(r.cpuTwo(), null, 0);
        double speedUp = r.cpuOne().median() / r.cpuTwo().median();
        plain.speedUp("parallel: backend=process poolSize=2", "1 → 2 workers", javaVersion(), r.cpuOne(), r.cpuTwo(),
                "parallel: backend=process poolSize=1");
        goals.add("CPU-bound speed-up, process backend, 2 workers over 1", 1.9, true, speedUp, "x",
                fmt(r.cpuOne().median()) + " → " + fmt(r.cpuTwo().median()) + " ms");
        pythonSpeedUps(r);
        out.append("\n**Speed-up of 2 workers over 1: ").append(String.format(Locale.ROOT, "%.3fx", speedUp))
                .append("** (goal ≥ 1.9x on 2 cores: ").append(speedUp >= 1.9 ? "met" : "NOT met").append(").\n\n");
        out.append("### Cold start: `context.start()` to the first result, 2 workers\n\n");
        out.append("| Peer | Median (ms) | Min – max (ms) | Starts | peer ÷ ours |\n|---|---:|---:|---:|---:|\n");
        for (ProcessBenchmark.Timing t : new ProcessBenchmark.Timing[] { r.coldArchive(), r.coldNoArchive(),
                r.coldFirstEver(), r.pythonCold() }) {
            if (t.measured()) {
                charts.bar("cold-start.png", "Cold start of a 2-worker pool to the first result, ms (lower is better)",
                        "ms", true, "median", t.peer(), t.median());
                out.append("| ").append(t.peer()).append(" | ").append(fmt(t.median())).append(" | ").append(fmt(t.min()))
                        .append(" – ").append(fmt(t.max())).append(" | ").append(t.millis().size()).append(" | ")
                        .append(r.coldArchive().measured() ? ratio(t.median() / r.coldArchive().median()) : "")
                        .append(" |\n");
            } else {
                out.append("| ").append(t.peer()).append(" | not run | | 0 | |\n");
            }
        }
        goals.add("Cold start of a 2-worker JVM pool with the archive, route start to first result", 120, false,
                r.coldArchive().measured() ? r.coldArchive().median() : Double.NaN, " ms",
                r.pythonCold().measured() ? "Python fork `Pool(2)`: " + fmt(r.pythonCold().median()) + " ms"
                        : "no archive without a jar classpath");
        if (r.coldArchive().measured()) {
            out.append("\n**Cold start with the archive: ").append(fmt(r.coldArchive().median()))
                    .append(" ms** (goal ≤ 120 ms: ").append(r.coldArchive().median() <= 120 ? "met" : "NOT met")
                    .append(").\n\n");
        } else {
            out.append("\nNo archive measured: the classpath of this run is not jars only (run from benchmarks.jar).\n\n");
        }
    }

    /** The streaming-memory section ({@link StreamingReport}). */
    void streamingMemory(StreamingMemoryBenchmark.Results r) {
        new StreamingReport(out, goals, charts).section(r);
    }

    /** The result cache: a batch uncached, on an empty store (all misses) and again (all hits), same JVM. */
    void cache(List<CacheBenchmark.Figures> figures) {
        out.append("## Result cache\n\n");
        out.append("`cache=true` on the thread backend (all processors), in this JVM: the same batch with `cache=false`,")
                .append(" with the cache on an empty store (every item a miss: the cost) and again on that store (every")
                .append(" item a hit: the saving). Medians of alternating runs, a fresh store for each miss run (its")
                .append(" producer started first, so task-version hashing is not timed); every run checked against the")
                .append(" uncached results.\n\n");
        out.append(CacheBenchmark.report(figures)).append('\n');
    }

    /** The same Python function through {@code python=} and through Python's own pools, with its two goals. */
    void pythonFunctions(PythonFunctionBenchmark.Results r) {
        goals.scenario("python");
        out.append("## Python functions: `python=` against Python's own pools\n\n");
        if (!r.measured()) {
            out.append("Not run: ").append(r.skipped()).append(".\n\n");
        } else {
            out.append("The same function (`py_function.py`: `tiny(x) = x**3`, and `work5ms`, about 5 ms of CPU) through")
                    .append(" `parallel:` with `python=` and through `multiprocessing.Pool(2)`, in one run; ")
                    .append(r.python()).append(". Medians of the measured batches, with the fastest and slowest.\n\n")
                    .append(r.table()).append('\n');
        }
        goals.add("Python functions, tiny items: per-item time ÷ Python `Pool(2).map`", 1.5, false, r.tinyRatio(),
                "x", r.measured() ? "a parent JVM and JSON lines against Python's pickle" : "not run: " + r.skipped());
        goals.add("Python functions, 5 ms items: speed-up of 2 workers over 1", 1.85, true, r.speedUp(), "x",
                r.measured() ? "python=, poolSize=1 → 2" : "not run: " + r.skipped());
    }

    /**
     * The Hazelcast backend's tables: microseconds per chunk against the thread backend, then the CPU-bound batch's
     * items/s through 1, 2 and 3 member JVMs with the speed-up over 1, and how long the clusters took to start. Rows
     * come in two variants: the JVMs on their default flags, and "tuned" ({@link HazelcastBenchmark#COMMON_POOL_FLAG}),
     * each compared with the thread backend of its own JVM.
     */
    void hazelcast(HazelcastBenchmark.Results r) {
        goals.scenario("hazelcast");
        hazelcastGoals(r);
        out.append("## Hazelcast backend against the thread backend\n\n");
        out.append("A plain harness in a forked JVM (the members are other JVMs), parent JVM flags: ")
                .append(r.parentJvmArgs().isEmpty() ? "the JVM's defaults" : "`" + String.join(" ", r.parentJvmArgs())
                        + "`").append("; member JVMs (`MemberMain`, `--pool-size ")
                .append(r.memberPoolSize()).append(" --interface 127.0.0.1`, a fresh cluster per row) ")
                .append(r.memberJvmArgs().isEmpty() ? "on the JVM's defaults" : "`" + String.join(" ",
                        r.memberJvmArgs()) + "`").append(". Rows marked \"")
                .append(HazelcastBenchmark.TUNED_SUFFIX.substring(2))
                .append("\" ran in a second fork on the tuned flags, and with members, that had `")
                .append(HazelcastBenchmark.COMMON_POOL_FLAG).append("` too. One Camel context per row; every batch")
                .append(" is checked item by item against a sequential loop. Medians, with the fastest and slowest")
                .append(" batch. Cores busy: on average while the row's measured batches ran, by this JVM with its")
                .append(" members (ours), and by every other process on the machine (`/proc/stat` minus ours; above")
                .append(" about 0.2 the row was measured on a busy machine); n/a when the batches took under ")
                .append(CpuWatch.MIN_WINDOW_MILLIS).append(" ms in all.\n\n");
        out.append("### Per-chunk overhead: `cube` with a fixed `chunkSize`, ").append(r.measure())
                .append(" measured batches after at least ").append(r.warmup()).append(" warm-up batches and ")
                .append(fmt(r.warmupMillis() / 1000.0)).append(" s of them\n\n");
        out.append("| Peer | chunkSize | Items per batch | Chunks | Median per batch (ms) | Min – max (ms)")
                .append(" | µs per chunk | ÷ thread backend | Cores busy: ours / others | Discarded batches |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (HazelcastBenchmark.Row row : r.overhead()) {
            HazelcastBenchmark.Row thread = r.find(r.overhead(), HazelcastBenchmark.THREAD, 0, row.chunkSize(),
                    row.tuned());
            out.append("| ").append(row.peer()).append(" | ").append(row.chunkSize()).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", row.items())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", row.chunks())).append(" | ");
            if (!row.timing().measured()) {
                out.append("not run: ").append(row.note().replace("|", "/")).append(" | | | | | |\n");
                continue;
            }
            out.append(fmt(row.timing().median())).append(" | ").append(fmt(row.timing().min())).append(" – ")
                    .append(fmt(row.timing().max())).append(" | ").append(fmt(perChunk(row))).append(" | ")
                    .append(measured(thread) ? ratio(row.timing().median() / thread.timing().median()) : "")
                    .append(" | ").append(cores(row)).append(" | ").append(row.discarded()).append(" |\n");
        }
        out.append("\n");
        for (HazelcastBenchmark.Row row : r.overhead()) {
            HazelcastBenchmark.Row thread = r.find(r.overhead(), HazelcastBenchmark.THREAD, 0, row.chunkSize(),
                    row.tuned());
            // chunkSize 0: the small-batch latency rows, whose median is the p50 of a whole batch, not a chunk's cost
            if (!row.backend().equals(HazelcastBenchmark.EMBEDDED) || row.chunkSize() == 0 || !measured(row)
                    || !measured(thread)) {
                continue;
            }
            HazelcastBenchmark.Row client = r.find(r.overhead(), HazelcastBenchmark.CLIENT, 1, row.chunkSize(),
                    row.tuned());
            out.append("**chunkSize=").append(row.chunkSize())
                    .append(row.tuned() ? HazelcastBenchmark.TUNED_SUFFIX : "").append(": ").append(fmt(perChunk(row))).append(" µs per chunk on the embedded member against ")
                    .append(fmt(perChunk(thread))).append(" µs on the thread backend (")
                    .append(ratio(row.timing().median() / thread.timing().median())).append(")**");
            if (measured(client)) {
                out.append("; ").append(fmt(perChunk(client))).append(" µs as a client of one member JVM (")
                        .append(ratio(client.timing().median() / thread.timing().median())).append(")");
            }
            out.append(".\n");
        }
        if (r.throughput().isEmpty()) {
            return;
        }
        out.append("\n### Throughput: ").append(r.cpuItems()).append(" items × ")
                .append(String.format(Locale.ROOT, "%,d", r.cpuRounds())).append(" SHA-256 rounds, automatic chunks, ")
                .append(r.cpuMeasure()).append(" measured batches after at least ").append(r.cpuWarmup())
                .append(" warm-up batches and ").append(fmt(r.cpuWarmupMillis() / 1000.0))
                .append(" s of them\n\n");
        out.append("| Peer | Member JVMs | Threads running items | Warm-up batches | Median per batch (ms)")
                .append(" | Min – max (ms) | Items/s | Speed-up vs 1 member JVM | ÷ thread backend (items/s)")
                .append(" | Cores busy: ours / others | Discarded batches |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (HazelcastBenchmark.Row row : r.throughput()) {
            HazelcastBenchmark.Row one = r.find(r.throughput(), HazelcastBenchmark.CLIENT, 1, 0, row.tuned());
            HazelcastBenchmark.Row thread = r.find(r.throughput(), HazelcastBenchmark.THREAD, 0, 0, row.tuned());
            boolean remote = row.backend().equals(HazelcastBenchmark.CLIENT);
            out.append("| ").append(row.peer()).append(" | ")
                    .append(remote ? String.valueOf(row.members()) : "0 (this JVM)").append(" | ").append(remote ? row.members() * r.memberPoolSize() : 2).append(" | ")
                    .append(row.warmups()).append(" | ");
            if (!measured(row)) {
                out.append("not run: ").append(row.note().replace("|", "/")).append(" | | | | | | |\n");
                continue;
            }
            out.append(fmt(row.timing().median())).append(" | ").append(fmt(row.timing().min())).append(" – ")
                    .append(fmt(row.timing().max())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", perSecond(row))).append(" | ").append(remote && measured(one) ? String.format(Locale.ROOT, "%.2fx",
                            one.timing().median() / row.timing().median()) : "").append(" | ")
                    .append(measured(thread) ? ratio(thread.timing().median() / row.timing().median()) : "")
                    .append(" | ").append(cores(row)).append(" | ").append(row.discarded()).append(" |\n");
        }
        out.append("\n");
        for (boolean tuned : new boolean[] {false, true}) {
            HazelcastBenchmark.Row one = r.find(r.throughput(), HazelcastBenchmark.CLIENT, 1, 0, tuned);
            if (!measured(one)) {
                continue;
            }
            out.append("**Speed-up over 1 member JVM").append(tuned ? HazelcastBenchmark.TUNED_SUFFIX : "")
                    .append(":");
            String separator = " ";
            for (HazelcastBenchmark.Row row : r.throughput()) {
                if (row.backend().equals(HazelcastBenchmark.CLIENT) && row.tuned() == tuned && row.members() > 1
                        && measured(row)) {
                    out.append(separator).append(row.members()).append(" members ")
                            .append(String.format(Locale.ROOT, "%.2fx",
                                    one.timing().median() / row.timing().median()));
                    separator = ", ";
                }
            }
            out.append("** (").append(Runtime.getRuntime().availableProcessors())
                    .append(" processors: every member JVM shares the same cores, so no speed-up is expected here).\n");
        }
        if (r.find(r.throughput(), HazelcastBenchmark.CLIENT, 1, 0, false) == null) {
            out.append("No member JVM was run (`-Dbench.hazelcast.members=` empty, or the smoke preset).\n");
        }
        out.append("\n");
        List<HazelcastBenchmark.Row> problems = new ArrayList<>(r.overhead());
        problems.addAll(r.throughput());
        problems.removeIf(row -> row.discarded() == 0);
        if (!problems.isEmpty()) {
            out.append("**Discarded batches** (a wrong result list or a failed batch, not timed and run again; see ")
                    .append("`HazelcastBenchmark.DISCARD_LIMIT`):");
            for (HazelcastBenchmark.Row row : problems) {
                out.append(" ").append(row.peer()).append(row.chunkSize() > 0 ? ", chunkSize=" + row.chunkSize() : "")
                        .append(": ").append(row.discarded()).append(", the first ")
                        .append(row.note().replace("|", "/")).append(";");
            }
            out.setLength(out.length() - 1);
            out.append(".\n\n");
        }
        if (!r.clusterStarts().isEmpty()) {
            out.append("| Member JVMs | Launch to the last `MEMBER READY` (ms) | Client `context.start()` (ms) |\n")
                    .append("|---|---:|---:|\n");
            for (HazelcastBenchmark.ClusterStart start : r.clusterStarts()) {
                out.append("| ").append(start.members()).append(start.tuned() ? HazelcastBenchmark.TUNED_SUFFIX : "")
                        .append(" | ").append(fmt(start.readyMillis())).append(" | ")
                        .append(fmt(start.clientStartMillis())).append(" |\n");
            }
            out.append("\n");
        }
    }

    /** The per-chunk and small-batch goals, on the default-flag rows (no common-pool setting). */
    private void hazelcastGoals(HazelcastBenchmark.Results r) {
        HazelcastBenchmark.Row embedded = r.find(r.overhead(), HazelcastBenchmark.EMBEDDED, 0, 1, false);
        HazelcastBenchmark.Row client = r.find(r.overhead(), HazelcastBenchmark.CLIENT, 1, 1, false);
        HazelcastBenchmark.Row small = r.find(r.overhead(), HazelcastBenchmark.EMBEDDED, 0, 0, false);
        goals.add("Hazelcast per-chunk overhead, embedded member (chunkSize=1, median)", 100, false,
                measured(embedded) ? perChunk(embedded) : Double.NaN, " µs", "default flags, no common-pool setting");
        goals.add("Hazelcast per-chunk overhead, client of one member JVM (chunkSize=1, median)", 250, false,
                measured(client) ? perChunk(client) : Double.NaN, " µs", "default flags, no common-pool setting");
        goals.add("Hazelcast 10-item batch p50, embedded member", 1000, false,
                measured(small) ? small.timing().median() * 1000 : Double.NaN, " µs", "automatic chunks");
    }

    private static String cores(HazelcastBenchmark.Row row) {
        return Double.isNaN(row.ourCores()) ? "n/a" : String.format(Locale.ROOT, "%.2f / %.2f", row.ourCores(),
                row.otherCores());
    }

    private static boolean measured(HazelcastBenchmark.Row row) {
        return row != null && row.timing().measured();
    }

    private static double perChunk(HazelcastBenchmark.Row row) {
        return row.timing().median() * 1000 / row.chunks();
    }

    private static double perSecond(HazelcastBenchmark.Row row) {
        return row.items() / (row.timing().median() / 1000);
    }

    /** Ours' items/s ÷ Python {@code Pool(2).map}'s on the tiny batch, the parent JVM on {@code flags}. */
    private void processTinyGoal(String flags, double target, ProcessBenchmark.Timing ours,
            ProcessBenchmark.Results r) {
        boolean both = r.pythonTiny().measured() && ours.measured();
        goals.add("Process backend tiny tasks, parent on " + flags + ": items/s ÷ Python `Pool(2).map(...,"
                + " chunksize=10000)`", target, true, both ? r.pythonTiny().median() / ours.median() : Double.NaN, "x",
                both ? fmt(ours.median()) + " against " + fmt(r.pythonTiny().median()) + " ms per batch of "
                        + String.format(Locale.ROOT, "%,d", r.tinyItems())
                        : r.pythonTiny().measured() ? "not measured" : "Python not run: " + r.python());
    }

    private void processRow(ProcessBenchmark.Timing t, ProcessBenchmark.Timing ours, int items) {
        if (!t.measured()) {
            out.append("| ").append(t.peer()).append(" | not run | | | |\n");
            return;
        }
        out.append("| ").append(t.peer()).append(" | ").append(fmt(t.median())).append(" | ").append(fmt(t.min()))
                .append(" – ").append(fmt(t.max())).append(" |");
        if (ours != null) {
            out.append(" ").append(String.format(Locale.ROOT, "%,.0f", items / (t.median() / 1000))).append(" | ")
                    .append(ratio(t.median() / ours.median())).append(" |");
        }
        out.append("\n");
    }

    /** Python's own speed-ups, from the CPU-bound series of {@code pool_cube.py cpu}. */
    private void pythonSpeedUps(ProcessBenchmark.Results r) {
        if (r.pythonCpu() == null || r.pythonCpu().isEmpty()) {
            out.append("\nPython CPU-bound peers not run: ").append(r.python()).append(".\n");
            return;
        }
        var series = r.pythonCpu();
        ProcessBenchmark.Timing loop = series.get("sequential loop");
        for (String kind : List.of("multiprocessing.Pool", "ProcessPoolExecutor")) {
            ProcessBenchmark.Timing one = series.get(kind + "(1).map");
            ProcessBenchmark.Timing two = series.get(kind + "(2).map");
            plain.speedUp("Python " + kind + "(2).map", "1 → 2 processes", r.python(), one, two, kind
                    + "(1).map, " + two.peer().substring(two.peer().indexOf('(', kind.length() + 2) + 1)
                            .replace(")", ""), loop);
        }
        out.append("\nPython, same batch shape (").append(loop.peer()).append("): ");
        for (ProcessBenchmark.Timing t : series.values()) {
            out.append(t.peer().substring(0, t.peer().indexOf(" (") > 0 ? t.peer().indexOf(" (") : t.peer().length()))
                    .append(" ").append(fmt(t.median())).append(" ms; ");
        }
        out.setLength(out.length() - 2);
        out.append(".\n");
    }

    /** The speed-up table of every backend ({@link PlainReport#speedUpTable}); call after every scenario's table. */
    void speedUps(BenchSettings s) {
        plain.speedUpTable(s.cpuItems(), String.format(Locale.ROOT, "%,d", s.cpuRounds())
                + " SHA-256 rounds (Java; Python: its own rounds for the same time per item)");
    }

    private static ProcessBenchmark.Timing timing(Figure f) {
        return new ProcessBenchmark.Timing("", List.of(f.median));
    }

    private static String javaVersion() {
        String v = System.getProperty("java.runtime.version");
        return "Java " + (v.indexOf('+') > 0 ? v.substring(0, v.indexOf('+')) : v);
    }

    String finish() {
        if (!goals.all().isEmpty()) {
            String missed = goals.missed();
            out.insert(headerLength, "## Goals\n\n" + goals.table() + "\nA goal measured within "
                    + (int) Goals.NEAR_PERCENT + "% of its line is measured " + Goals.RUNS + " times (its scenario"
                    + " run again) and decided on the median; the spread is shown beside it.\n\n"
                    + (missed.isEmpty() ? "Every measured goal is met.\n\n" : missed + "\n"));
        }
        out.append("Load average (1/5/15 min) before the run: ").append(loadBefore).append("; after: ")
                .append(loadAverage()).append(".\n");
        return out.toString();
    }

    private void cpuRow(String peer, int threads, Figure f, Figure seq, Figure ours) {
        out.append("| ").append(peer).append(" | ").append(threads).append(" | ").append(fmt(f.median)).append(" | ")
                .append(fmt(f.min)).append(" – ").append(fmt(f.max)).append(" | ").append(ratio(seq.median / f.median))
                .append(" | ").append(ratio(f.median / ours.median)).append(" |\n");
    }

    private void tinyRow(String peer, Figure f, Figure ours) {
        out.append("| ").append(peer).append(" | ").append(String.format(Locale.ROOT, "%,d", f.items)).append(" | ")
                .append(fmt(f.median)).append(" | ").append(fmt(f.min)).append(" – ").append(fmt(f.max)).append(" | ")
                .append(String.format(Locale.ROOT, "%,.0f", f.perSecond())).append(" | ")
                .append(fmt(f.nanosPerItem())).append(" | ").append(ratio(ours.perSecond() / f.perSecond()))
                .append(" |\n");
    }

    private static String forks(int forks) {
        return forks == 0 ? "0 (in-process)" : String.valueOf(forks);
    }

    private void row(String key, String value) {
        out.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }

    /** One benchmark's figures in ms per batch. */
    record Figure(int items, double median, double min, double max) {
        double perSecond() {
            return items / (median / 1000.0);
        }

        double nanosPerItem() {
            return median * 1_000_000.0 / items;
        }
    }

    private static Figure find(Collection<RunResult> results, String method, Map<String, String> params) {
        for (RunResult result : results) {
            var p = result.getParams();
            if (!p.getBenchmark().endsWith("." + method)) {
                continue;
            }
            if (params.entrySet().stream().allMatch(e -> e.getValue().equals(p.getParam(e.getKey())))) {
                String unit = result.getPrimaryResult().getScoreUnit();
                if (!unit.startsWith("ms/")) {
                    throw new IllegalStateException("expected ms/op from JMH, got " + unit);
                }
                Statistics st = result.getPrimaryResult().getStatistics();
                int items = Integer.parseInt(Optional.ofNullable(p.getParam("cpuItems"))
                        .or(() -> Optional.ofNullable(p.getParam(method.equals("split") ? "splitItems" : "tinyItems")))
                        .orElseThrow());
                return new Figure(items, st.getPercentile(50), st.getMin(), st.getMax());
            }
        }
        throw new IllegalStateException("no JMH result for " + method + " " + params);
    }

    static String fmt(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0fx", v) : String.format(Locale.ROOT, "%.2fx", v);
    }

    private static String jmhVersion() {
        String v = Runner.class.getPackage().getImplementationVersion();
        return v != null ? v : "1.37";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String loadAverage() {
        Path path = Paths.get("/proc/loadavg");
        try {
            String[] parts = Files.readString(path).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
