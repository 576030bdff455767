package io.github.camelparallel.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every scenario in one go with JMH and writes one report: {@code java -jar benchmarks.jar}
 * ({@code -Dbench.full=true} for the larger size; the {@code bench.*} properties are listed in docs/benchmarks.md).
 * <p>
 * Steps: (1) only with {@code -Dbench.cpu.rounds=0}: calibrate the SHA-256 rounds once, in this JVM, and pass the
 * same number to every fork (by default the rounds are fixed, so every run hashes the same input); (2) run the
 * CPU-bound scenario, single-shot, one batch per iteration; (3) run the tiny-task scenario, average time per batch;
 * (3b) run the plain-harness jobs ({@link PlainHarness}: the I/O-bound and small-batch scenarios, and the CPU-bound and
 * tiny-task rows of virtual threads, Hazelcast, {@code parallelStream()} and Camel's streaming split; virtual threads
 * in a JDK 21+ fork); (4) run the process backend's scenarios ({@link ProcessBenchmark}: a plain harness, the peer is Python);
 * (5) run the streaming-memory scenario ({@link StreamingMemoryBenchmark}: a fresh child JVM per batch length and
 * peer, peak heap after GC); (6) run the Hazelcast backend's scenario ({@link HazelcastBenchmark}: per-chunk overhead
 * and throughput with 1, 2 and 3 member JVMs, each against the thread backend); (7) print the Markdown report and
 * write it, with JMH's JSON results and the charts ({@link BenchCharts}, in {@code charts/}), to the output directory
 * (default: next to benchmarks.jar); (8) with {@code -Dbench.docs=DIR}, publish report and charts into the docs
 * ({@link DocsUpdater}).
 */
public final class BenchmarkMain {

    /** The report file written into the output directory. */
    public static final String REPORT_FILE = "benchmark-results.md";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        String report = run(settings);
        System.out.println();
        System.out.println(report);
        System.out.println("Written to " + settings.outDir().resolve(REPORT_FILE).toAbsolutePath());
    }

    /** Runs the scenarios of {@code settings} and returns the report (also written to the output directory). */
    public static String run(BenchSettings settings) throws Exception {
        Files.createDirectories(settings.outDir());
        BenchReport report = new BenchReport(settings);
        if (settings.runs("cpu") && settings.cpuRounds() <= 0) {
            System.out.printf("Calibrating SHA-256 rounds for ~%.1f ms per item...%n", settings.cpuMillis());
            settings = settings.withCpuRounds(Workloads.calibrateSha256Rounds(settings.cpuMillis()));
            System.out.printf("  %d rounds per item%n", settings.cpuRounds());
        }
        // JMH forks on the JVM's default flags (what users run): the headline; the tiny tasks again on the tuned flags
        Collection<RunResult> cpu = settings.runs("cpu") ? runCpuBound(settings) : null;
        Collection<RunResult> tiny = settings.runs("tiny") ? runTinyTasks(settings, List.of(), "jmh-tiny.json") : null;
        Collection<RunResult> tinyTuned = settings.runs("tiny") && !settings.jvmArgs().isEmpty()
                ? runTinyTasks(settings, settings.jvmArgs(), "jmh-tiny-tuned.json") : null;
        List<PlainHarness.Job> jobs = new ArrayList<>();
        for (String scenario : List.of("cpu", "tiny", "io")) {
            if (settings.runs(scenario)) {
                jobs.addAll(switch (scenario) {
                    case "cpu" -> PlainScenarios.cpuMore(settings);
                    case "tiny" -> PlainScenarios.tinyMore(settings);
                    default -> PlainScenarios.io(settings);
                });
            }
        }
        boolean inProcess = settings.tinyForks() == 0;
        List<PlainHarness.Outcome> plain = new ArrayList<>(PlainHarness.run(jobs, List.of(), inProcess));
        if (settings.runs("latency")) {
            // small batches: the JVM's default flags are the headline (what users run), the tuned flags beside them
            List<PlainHarness.Job> latency = PlainScenarios.latency(settings);
            plain.addAll(PlainHarness.run(latency, List.of(), inProcess));
            if (!settings.jvmArgs().isEmpty() && !inProcess) {
                plain.addAll(PlainHarness.run(PlainScenarios.tuned(latency), settings.jvmArgs(), false));
            }
        }
        ProcessBenchmark.Results process = settings.runs("process") ? ProcessBenchmark.run(settings) : null;
        StreamingMemoryBenchmark.Results streaming = settings.runs("streaming")
                ? StreamingMemoryBenchmark.run(settings) : null;
        HazelcastBenchmark.Results hazelcast = settings.runs("hazelcast") ? HazelcastBenchmark.run(settings) : null;
        List<CacheBenchmark.Figures> cache = settings.runs("cache") ? CacheBenchmark.run(settings) : null;
        boolean smoke = "smoke".equals(settings.preset());
        PythonFunctionBenchmark.Results python = settings.runs("python") ? PythonFunctionBenchmark.run(
                System.getProperty("bench.python", "python3"), Integer.getInteger("bench.python.reps", smoke ? 1 : 5),
                Integer.getInteger("bench.python.tiny.items", smoke ? 200 : 20_000),
                Integer.getInteger("bench.python.slow.items", smoke ? 4 : 200)) : null;

        if (cpu != null) {
            report.cpuBound(settings, cpu);
            report.plain().cpuMore(plain);
        }
        if (tiny != null) {
            report.tinyTasks(settings, tiny, List.of());
            if (tinyTuned != null) {
                report.tinyTasks(settings, tinyTuned, settings.jvmArgs());
            }
            report.plain().tinyMore(plain);
        }
        if (process != null) {
            report.processBackend(process);
        }
        report.speedUps(settings);
        report.plain().io(plain, PlainScenarios.ioWait(settings));
        report.plain().latency(plain);
        if (streaming != null) {
            report.streamingMemory(streaming);
        }
        if (hazelcast != null) {
            report.hazelcast(hazelcast);
        }
        if (cache != null) {
            report.cache(cache);
        }
        if (python != null) {
            report.pythonFunctions(python);
        }
        repeatNearTheLine(settings, report);
        String text = report.finish();
        Files.writeString(settings.outDir().resolve(REPORT_FILE), text, StandardCharsets.UTF_8);
        report.charts().write(settings.outDir().resolve("charts"));
        String docs = System.getProperty("bench.docs", "");
        if (!docs.isBlank()) {
            System.out.println("Docs rewritten: " + DocsUpdater.publish(Path.of(docs), text, report.charts()));
        }
        return text;
    }

    /**
     * Runs again every scenario with a goal within {@link Goals#NEAR_PERCENT}% of its line until it has
     * {@link Goals#RUNS} runs: each repeat is rendered into a scratch report whose goals are merged into
     * {@code report}'s (its tables are dropped: the page shows the first run's tables and the goals' spread).
     */
    private static void repeatNearTheLine(BenchSettings s, BenchReport report) throws Exception {
        if ("smoke".equals(s.preset()) || Boolean.getBoolean("bench.noRepeats")) {
            return;
        }
        for (int round = 1; round < Goals.RUNS; round++) {
            for (String scenario : report.goals().scenariosNearTheLine()) {
                System.out.printf("Repeating scenario %s: a goal is within %.0f%% of its line (run %d of %d)%n",
                        scenario, Goals.NEAR_PERCENT, round + 1, Goals.RUNS);
                BenchReport again = new BenchReport(s);
                switch (scenario) {
                    case "cpu" -> again.cpuBound(s, runCpuBound(s));
                    case "tiny" -> {
                        again.tinyTasks(s, runTinyTasks(s, List.of(), "jmh-tiny-repeat.json"), List.of());
                        if (!s.jvmArgs().isEmpty()) {
                            again.tinyTasks(s, runTinyTasks(s, s.jvmArgs(), "jmh-tiny-repeat.json"), s.jvmArgs());
                        }
                    }
                    case "latency", "io" -> {
                        List<PlainHarness.Job> jobs = scenario.equals("io") ? PlainScenarios.io(s)
                                : PlainScenarios.latency(s);
                        List<PlainHarness.Outcome> outcomes = PlainHarness.run(jobs, List.of(), false);
                        if (scenario.equals("io")) {
                            again.plain().io(outcomes, PlainScenarios.ioWait(s));
                        } else {
                            again.plain().latency(outcomes);
                        }
                    }
                    case "process" -> again.processBackend(ProcessBenchmark.run(s));
                    case "streaming" -> again.streamingMemory(StreamingMemoryBenchmark.runGoalRows(s));
                    case "hazelcast" -> again.hazelcast(HazelcastBenchmark.run(s));
                    case "python" -> again.pythonFunctions(PythonFunctionBenchmark.run(
                            System.getProperty("bench.python", "python3"), Integer.getInteger("bench.python.reps", 5),
                            Integer.getInteger("bench.python.tiny.items", 20_000),
                            Integer.getInteger("bench.python.slow.items", 200)));
                    default -> {
                        continue; // a scenario without a repeat (none today)
                    }
                }
                report.goals().merge(again.goals());
            }
        }
    }

    private static Collection<RunResult> runCpuBound(BenchSettings s) throws RunnerException {
        String threads = String.valueOf(s.threads());
        ChainedOptionsBuilder options = common(s, CpuBoundBenchmark.class, s.cpuForks(), "jmh-cpu.json", List.of())
                .mode(Mode.SingleShotTime)
                .warmupIterations(s.cpuWarmup())
                .measurementIterations(s.cpuMeasure())
                .param("cpuItems", String.valueOf(s.cpuItems()))
                .param("cpuRounds", String.valueOf(s.cpuRounds()))
                .param("poolSize", "1", threads)
                .param("executorThreads", threads);
        return new Runner(options.build()).run();
    }

    private static Collection<RunResult> runTinyTasks(BenchSettings s, List<String> jvmArgs, String jsonFile)
            throws RunnerException {
        String threads = String.valueOf(s.threads());
        TimeValue iteration = TimeValue.milliseconds(s.tinyIterationMillis());
        ChainedOptionsBuilder options = common(s, TinyTaskBenchmark.class, s.tinyForks(), jsonFile, jvmArgs)
                .mode(Mode.AverageTime)
                .warmupIterations(s.tinyWarmup())
                .warmupTime(iteration)
                .measurementIterations(s.tinyMeasure())
                .measurementTime(iteration)
                .param("tinyItems", String.valueOf(s.tinyItems()))
                .param("splitItems", String.valueOf(s.splitItems()))
                .param("poolSize", threads)
                .param("executorThreads", threads);
        return new Runner(options.build()).run();
    }

    /** {@code jvmArgs}: the forks' flags; empty for the JVM's defaults (JMH then passes none). */
    private static ChainedOptionsBuilder common(BenchSettings s, Class<?> benchmark, int forks, String jsonFile,
            List<String> jvmArgs) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName() + ".") + ".*")
                .timeUnit(TimeUnit.MILLISECONDS)
                .forks(forks)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.valueOf(s.verbose()))
                .resultFormat(ResultFormatType.JSON)
                .result(s.outDir().resolve(jsonFile).toString());
        if (!jvmArgs.isEmpty()) {
            options.jvmArgs(new ArrayList<>(jvmArgs).toArray(new String[0]));
        }
        return options;
    }

    /** For the smoke test: the peers' names the report must contain. */
    static List<String> peerNames() {
        return List.of(BenchReport.SEQUENTIAL, BenchReport.EXECUTOR, BenchReport.SPLIT, BenchReport.OURS_AUTO,
                BenchReport.OURS_EVEN);
    }
}
