package io.github.camelparallel.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Sizes and iteration counts of one run. Three presets: {@link #quick()} (the default, about 3 minutes on 2 cores
 * with every scenario), {@link #full()} ({@code -Dbench.full=true}, the published table, several minutes) and
 * {@link #smoke()} (a few seconds, in-process, for the smoke test). {@link #fromSystemProperties()} starts from the
 * preset and lets any {@code bench.*} property override one value (the table in docs/benchmarks.md lists them).
 * Immutable.
 *
 * @param preset              quick, full or smoke: the starting point, named in the report
 * @param threads             worker threads of every parallel peer (the goals are stated for 2 cores)
 * @param cpuItems            items of the CPU-bound batch
 * @param cpuMillis           target milliseconds per CPU-bound item, used only when {@code cpuRounds} is 0
 * @param cpuRounds           SHA-256 rounds per item, fixed so that every run hashes the same input (90,000 rounds
 *                            are about 5 ms on the machine of docs/benchmarks.md); 0 = calibrate to {@code cpuMillis}
 *                            on this machine
 * @param cpuWarmup           warm-up batches per CPU-bound fork
 * @param cpuMeasure          measured batches per CPU-bound fork
 * @param tinyItems           items of the tiny-task batch
 * @param splitItems          items of the batch given to Camel's split (smaller: it costs an exchange per item)
 * @param tinyWarmup          warm-up iterations per tiny-task fork
 * @param tinyMeasure         measured iterations per tiny-task fork
 * @param tinyIterationMillis length of one tiny-task iteration (batches are repeated until it is over)
 * @param cpuForks            JVMs per CPU-bound benchmark: its ratios are close to the goal, and one JVM differs from
 *                            the next by a few percent (JIT), so the quick preset already pools two
 * @param tinyForks           JVMs per tiny-task benchmark; 0 runs in this JVM (smoke test only: no isolation)
 * @param streamingItems      batch lengths of the streaming-memory scenario, one fresh child JVM per length and peer
 *                            ({@link StreamingMemoryBenchmark}); ours' heap at the largest is compared with the smallest
 * @param jvmArgs             the tuned flags: the forks that measure the tuned rows beside the headline rows, which
 *                            run on the JVM's default flags (not the streaming scenario's children: theirs are
 *                            {@code bench.streaming.jvmArgs})
 * @param scenarios           which scenarios to run: "cpu", "tiny", "io", "latency", "process", "streaming",
 *                            "hazelcast", "cache", "python"
 *                            ({@link HazelcastBenchmark}: its own sizes are {@code bench.hazelcast.*} properties;
 *                            it uses {@code cpuItems} and {@code cpuRounds} for its CPU-bound batch)
 * @param verbose             JMH's console output: SILENT, NORMAL or EXTRA
 * @param outDir              where the report and JMH's JSON go
 */
public record BenchSettings(String preset, int threads, int cpuItems, double cpuMillis, int cpuRounds, int cpuWarmup,
        int cpuMeasure, int tinyItems, int splitItems, int tinyWarmup, int tinyMeasure, int tinyIterationMillis,
        int cpuForks, int tinyForks, List<Integer> streamingItems, List<String> jvmArgs, List<String> scenarios,
        String verbose, Path outDir) {

    /**
     * The tuned flags, for the rows beside the default-flag headline: a fixed heap and the parallel collector. With G1
     * the sequential and hand-chunked peers of the tiny-task scenario spent about 70% of the measured time in
     * young-generation pauses on the 2-core machine of docs/benchmarks.md (JMH {@code -prof gc}), so the tuned rows
     * show the dispatch cost alone; the headline rows show what users get.
     */
    static final List<String> DEFAULT_JVM_ARGS = List.of("-Xms2g", "-Xmx2g", "-XX:+UseParallelGC");

    /** Every scenario, in the order they run; {@code -Dbench.only=} picks some. */
    static final List<String> SCENARIOS = List.of("cpu", "tiny", "io", "latency", "process", "streaming", "hazelcast",
            "cache", "python");

    public static BenchSettings quick() {
        // streaming at the goal's own lengths: ours takes about a second at 10,000,000 items, Camel's split about 10
        return new BenchSettings("quick", 2, 200, 5, 90_000, 1, 4, 1_000_000, 20_000, 2, 4, 1000, 2, 1,
                List.of(1_000_000, 10_000_000), DEFAULT_JVM_ARGS, SCENARIOS, "NORMAL", defaultOutDir());
    }

    public static BenchSettings full() {
        return new BenchSettings("full", 2, 200, 20, 360_000, 2, 6, 1_000_000, 100_000, 5, 10, 2000, 3, 2,
                List.of(1_000_000, 10_000_000), DEFAULT_JVM_ARGS, SCENARIOS, "NORMAL", defaultOutDir());
    }

    /**
     * Tiny sizes, one measured iteration, no forks (but the streaming scenario's two child JVMs: a fresh JVM is what it
     * measures): proves the harness works end to end, measures nothing.
     */
    public static BenchSettings smoke(Path outDir) {
        return new BenchSettings("smoke", 2, 4, 0, 50, 0, 1, 2_000, 200, 0, 1, 50, 0, 0, List.of(20_000), List.of(),
                SCENARIOS, "SILENT", outDir);
    }

    /** The preset chosen by {@code bench.full}, with any {@code bench.*} system property applied on top. */
    public static BenchSettings fromSystemProperties() {
        BenchSettings base = Boolean.getBoolean("bench.full") ? full() : quick();
        return new BenchSettings(base.preset,
                Integer.getInteger("bench.threads", base.threads),
                Integer.getInteger("bench.cpu.items", base.cpuItems),
                Double.parseDouble(System.getProperty("bench.cpu.millis", String.valueOf(base.cpuMillis))),
                Integer.getInteger("bench.cpu.rounds", base.cpuRounds),
                Integer.getInteger("bench.cpu.warmup", base.cpuWarmup),
                Integer.getInteger("bench.cpu.measure", base.cpuMeasure),
                Integer.getInteger("bench.tiny.items", base.tinyItems),
                Integer.getInteger("bench.split.items", base.splitItems),
                Integer.getInteger("bench.tiny.warmup", base.tinyWarmup),
                Integer.getInteger("bench.tiny.measure", base.tinyMeasure),
                Integer.getInteger("bench.tiny.iterationMillis", base.tinyIterationMillis),
                Integer.getInteger("bench.cpu.forks", Integer.getInteger("bench.forks", base.cpuForks)),
                Integer.getInteger("bench.tiny.forks", Integer.getInteger("bench.forks", base.tinyForks)),
                ints(System.getProperty("bench.streaming.items"), base.streamingItems),
                words(System.getProperty("bench.jvmArgs"), base.jvmArgs),
                words(System.getProperty("bench.only"), base.scenarios),
                System.getProperty("bench.verbose", base.verbose).toUpperCase(Locale.ROOT),
                System.getProperty("bench.out") != null ? Paths.get(System.getProperty("bench.out")) : base.outDir);
    }

    public boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** Same settings with the calibrated number of rounds. */
    public BenchSettings withCpuRounds(int rounds) {
        return new BenchSettings(preset, threads, cpuItems, cpuMillis, rounds, cpuWarmup, cpuMeasure, tinyItems,
                splitItems, tinyWarmup, tinyMeasure, tinyIterationMillis, cpuForks, tinyForks, streamingItems, jvmArgs,
                scenarios, verbose, outDir);
    }

    /**
     * The start of a forked harness JVM's command line: this JVM's {@code java}, {@code jvmArgs}, and every
     * {@code bench.*} and {@code org.slf4j.*} system property of this JVM, so the fork sees the same settings.
     */
    static List<String> forkCommand(List<String> jvmArgs) {
        return forkCommand(ProcessHandle.current().info().command().orElse("java"), jvmArgs);
    }

    /** {@link #forkCommand(List)} with another {@code java} binary (a JDK 21+ for virtual threads). */
    static List<String> forkCommand(String java, List<String> jvmArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(jvmArgs);
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("bench.") || name.startsWith("org.slf4j.")) {
                argv.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        return argv;
    }

    /** Whole numbers in a comma or space separated property value ({@code 1_000_000} allowed), or the default. */
    static List<Integer> ints(String value, List<Integer> otherwise) {
        return value == null ? otherwise
                : words(value, List.of()).stream().map(w -> Integer.valueOf(w.replace("_", ""))).toList();
    }

    /** The words of a comma or space separated property value, or the default when it is not set. */
    static List<String> words(String value, List<String> otherwise) {
        if (value == null) {
            return otherwise;
        }
        return Arrays.stream(value.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** Next to benchmarks.jar (examples/benchmarks/target) when run from the jar, else ./target. */
    private static Path defaultOutDir() {
        try {
            Path location = Paths.get(BenchSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location.toAbsolutePath().getParent();
            }
            if (location.getParent() != null && Files.isDirectory(location)) {
                return location.toAbsolutePath().getParent(); // target/classes -> target
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        return Paths.get("target");
    }
}
