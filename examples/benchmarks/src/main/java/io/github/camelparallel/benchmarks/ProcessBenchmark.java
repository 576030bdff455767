package io.github.camelparallel.benchmarks;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The process backend's scenarios, timed by a plain harness rather than JMH because the peers are other processes
 * (Python's {@code multiprocessing.Pool}) and a pool start is a one-shot event: (1) tiny tasks, {@code cube} over
 * {@code tinyItems} ints through 2 JVM workers with {@code chunkSize=0} against
 * {@code multiprocessing.Pool(2).map(cube, range(N), chunksize=10000)}; (2) CPU-bound speed-up of 2 workers over 1;
 * (3) time from route start to the first result of a cold 2-worker pool, without and with the workers' class data
 * sharing archive, against Python's {@code Pool(2)} start. Python's {@code ProcessPoolExecutor(2).map} is timed on
 * (1) too, and on (2) the script times its own loop, {@code Pool(1)}, {@code Pool(2)} and
 * {@code ProcessPoolExecutor(1)}, {@code (2)} ({@link PythonPeer#cpu}).
 * <p>
 * Every figure is the median of the measured repetitions after warm-up repetitions, all in this one run on this one
 * machine. The Python peer runs {@code pool_cube.py} (shipped in this jar) with {@code python3}, or is reported as
 * missing. Not thread-safe; one run at a time.
 */
final class ProcessBenchmark {

    static final String PYTHON_CHUNKSIZE = "10000";
    private static final String ENTRY = "direct:run";

    /** One peer's measured repetitions, in milliseconds. */
    record Timing(String peer, List<Double> millis) {
        double median() {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        double min() {
            return millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        boolean measured() {
            return !millis.isEmpty();
        }
    }

    /**
     * What the report needs; a Python timing without figures means python3 was not found (see {@code python}).
     * {@code oursTinyDefaultJvm} is the tiny-task batch again with the parent on the JVM's default flags (G1), and
     * {@code parentJvmArgs} the flags of the parent JVM that measured the rest.
     */
    record Results(int tinyItems, Timing oursTiny, Timing oursTinyDefaultJvm, Timing pythonTiny,
            Timing pythonExecutorTiny, String python, int cpuItems, Timing cpuOne, Timing cpuTwo,
            Map<String, Timing> pythonCpu, Timing coldNoArchive, Timing coldFirstEver, Timing coldArchive,
            Timing pythonCold, int warmup, int measure, int coldReps, List<String> parentJvmArgs) {

        Results withTinyOnDefaultJvm(Timing timing) {
            return new Results(tinyItems, oursTiny, timing, pythonTiny, pythonExecutorTiny, python, cpuItems, cpuOne,
                    cpuTwo, pythonCpu, coldNoArchive, coldFirstEver, coldArchive, pythonCold, warmup, measure, coldReps,
                    parentJvmArgs);
        }
    }

    private ProcessBenchmark() {
    }

    /**
     * Runs the scenarios in a fresh JVM with the run's fork arguments ({@code bench.jvmArgs}, the same as the JMH
     * forks', so the parent's collector is the same in every table), then the tiny-task batch once more in a JVM on
     * default flags, for comparison. The smoke preset (no forks) runs everything in this JVM.
     */
    static Results run(BenchSettings s) throws Exception {
        if (s.tinyForks() == 0) {
            return measure(s, false);
        }
        Results results = forked(s, s.jvmArgs(), false);
        Results defaults = forked(s, List.of(), true);
        return results.withTinyOnDefaultJvm(defaults.oursTiny());
    }

    /** The fork's entry point: {@code ProcessBenchmark <results.json> [tiny-only]}, settings from bench.* properties. */
    public static void main(String[] args) throws Exception {
        Results results = measure(BenchSettings.fromSystemProperties(), args.length > 1 && args[1].equals("tiny-only"));
        new ObjectMapper().writeValue(Path.of(args[0]).toFile(), results);
        System.exit(0);
    }

    private static Results forked(BenchSettings s, List<String> jvmArgs, boolean tinyOnly) throws Exception {
        Path out = Files.createTempFile("process-bench", ".json");
        List<String> argv = BenchSettings.forkCommand(jvmArgs);
        argv.add("-Dbench.tiny.items=" + s.tinyItems());
        argv.add("-Dbench.cpu.items=" + s.cpuItems());
        argv.add("-Dbench.cpu.rounds=" + s.cpuRounds());
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(ProcessBenchmark.class.getName());
        argv.add(out.toString());
        if (tinyOnly) {
            argv.add("tiny-only");
        }
        Process fork = new ProcessBuilder(argv).inheritIO().start();
        if (fork.waitFor() != 0) {
            throw new IllegalStateException("process benchmark fork failed (exit " + fork.exitValue() + "): " + argv);
        }
        Results results = new ObjectMapper().readValue(out.toFile(), Results.class);
        Files.deleteIfExists(out);
        return results;
    }

    private static Results measure(BenchSettings s, boolean tinyOnly) throws Exception {
        List<String> parentJvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.startsWith("-X")).toList();
        int warmup = Integer.getInteger("bench.process.warmup", s.preset().equals("smoke") ? 0 : 3);
        int measure = Integer.getInteger("bench.process.measure", s.preset().equals("smoke") ? 1 : 9);
        int coldReps = Integer.getInteger("bench.cold.reps", s.preset().equals("smoke") ? 1 : 7);
        List<Integer> tinyItems = Workloads.items(s.tinyItems());
        String cube = "task=#class:" + ProcessTasks.Cube.class.getName();

        System.out.println("Process backend: tiny tasks through 2 JVM workers...");
        Timing oursTiny = timeBatches("parallel: backend=process poolSize=2 chunkSize=0 (ours)",
                "parallel:ptiny?backend=process&poolSize=2&chunkSize=0&" + cube, tinyItems, Workloads::cube, warmup,
                measure);
        Timing none = new Timing("not run", List.of());
        if (tinyOnly) {
            return new Results(s.tinyItems(), oursTiny, none, none, none, "", 0, none, none, Map.of(), none, none,
                    none, none, warmup, measure, coldReps, parentJvmArgs);
        }
        System.out.println("Process backend: Python multiprocessing.Pool(2).map and ProcessPoolExecutor(2).map...");
        PythonPeer python = PythonPeer.find();
        Timing pythonTiny = python.run("multiprocessing.Pool(2).map(cube, range(N), chunksize=" + PYTHON_CHUNKSIZE + ")",
                "map", String.valueOf(s.tinyItems()), String.valueOf(warmup), String.valueOf(measure), PYTHON_CHUNKSIZE);
        Timing pythonExecutorTiny = python.run("ProcessPoolExecutor(2).map(cube, range(N), chunksize="
                + PYTHON_CHUNKSIZE + ")", "executor", String.valueOf(s.tinyItems()), String.valueOf(warmup),
                String.valueOf(measure), PYTHON_CHUNKSIZE);

        System.out.println("Process backend: CPU-bound, 1 and 2 workers...");
        List<Integer> cpuItems = Workloads.items(s.cpuItems());
        String sha = "task=#class:" + ProcessTasks.Sha256.class.getName() + "&workerJvmOptions=-D"
                + ProcessTasks.ROUNDS_PROPERTY + "=" + s.cpuRounds();
        Function<Integer, Long> expected = Workloads.sha256Function(s.cpuRounds());
        Timing cpuOne = timeBatches("parallel: backend=process poolSize=1",
                "parallel:pcpu1?backend=process&poolSize=1&" + sha, cpuItems, expected, warmup, measure);
        Timing cpuTwo = timeBatches("parallel: backend=process poolSize=2 (ours)",
                "parallel:pcpu2?backend=process&poolSize=2&" + sha, cpuItems, expected, warmup, measure);
        System.out.println("Process backend: Python CPU-bound, a loop, Pool(1), Pool(2), ProcessPoolExecutor(1), (2)...");
        Map<String, Timing> pythonCpu = python.cpu(s.cpuItems(), s.cpuMillis(), Math.min(warmup, 1), measure);

        System.out.println("Process backend: cold starts...");
        String coldUri = "parallel:pcold?backend=process&poolSize=2&" + cube;
        timeColdStarts("warm-up", coldUri + "&workerCds=false", 1); // this JVM's own Camel classes, once
        Timing coldNoArchive = timeColdStarts("2 JVM workers, workerCds=false", coldUri + "&workerCds=false", coldReps);
        Path cdsDir = Files.createTempDirectory("camel-parallel-bench-cds").resolve("cds");
        boolean jarsOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .allMatch(entry -> entry.endsWith(".jar"));
        Timing firstEver = timeColdStarts("2 JVM workers, first start ever (archive not built yet)",
                coldUri + "&workerCdsDir=" + cdsDir, jarsOnly ? 1 : 0);
        boolean archived = jarsOnly && awaitArchive(cdsDir);
        Timing coldArchive = timeColdStarts("2 JVM workers, workerCds=true (ours, the default)",
                coldUri + "&workerCdsDir=" + cdsDir, archived ? coldReps : 0);
        Timing pythonCold = python.run("Python multiprocessing.Pool(2), first result of map(cube, [1])", "cold",
                String.valueOf(coldReps));
        return new Results(s.tinyItems(), oursTiny, none, pythonTiny, pythonExecutorTiny, python.version(),
                s.cpuItems(), cpuOne, cpuTwo, pythonCpu, coldNoArchive, firstEver, coldArchive, pythonCold, warmup,
                measure, coldReps, parentJvmArgs);
    }

    /** One context, started once; {@code warmup} batches, then {@code measure} timed batches. */
    private static Timing timeBatches(String peer, String uri, List<Integer> items, Function<Integer, Long> expected,
            int warmup, int measure) throws Exception {
        List<Double> millis = new ArrayList<>();
        try (CamelContext context = started(uri); ProducerTemplate template = context.createProducerTemplate()) {
            for (int i = 0; i < warmup + measure; i++) {
                long t0 = System.nanoTime();
                List<?> results = template.requestBody(ENTRY, items, List.class);
                long elapsed = System.nanoTime() - t0;
                check(items, results, expected);
                if (i >= warmup) {
                    millis.add(elapsed / 1e6);
                }
            }
        }
        return new Timing(peer, millis);
    }

    /** A fresh context each time: from {@code context.start()} (workers started, hello awaited) to the first result. */
    private static Timing timeColdStarts(String peer, String uri, int reps) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(route(uri));
            try (ProducerTemplate template = context.createProducerTemplate()) {
                long t0 = System.nanoTime();
                context.start();
                List<?> results = template.requestBody(ENTRY, List.of(3), List.class);
                millis.add((System.nanoTime() - t0) / 1e6);
                if (!List.of(27L).equals(results)) {
                    throw new IllegalStateException("cold start: wrong result " + results);
                }
            } finally {
                context.close();
            }
        }
        return new Timing(peer, millis);
    }

    private static boolean awaitArchive(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    if (files.anyMatch(f -> f.toString().endsWith(".jsa"))) {
                        return true;
                    }
                }
            }
            Thread.sleep(100);
        }
        System.out.println("  no class data sharing archive was built (is the classpath jars only?)");
        return false;
    }

    private static CamelContext started(String uri) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(route(uri));
        context.start();
        return context;
    }

    private static RouteBuilder route(String uri) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(ENTRY).to(uri);
            }
        };
    }

    /** Guards against measuring a broken run: size, first and last result. */
    private static void check(List<Integer> items, List<?> results, Function<Integer, Long> expected) {
        int last = items.size() - 1;
        if (results.size() != items.size() || !expected.apply(items.get(0)).equals(results.get(0))
                || !expected.apply(items.get(last)).equals(results.get(last))) {
            throw new IllegalStateException("wrong results: " + results.size() + " for " + items.size() + " items");
        }
    }
}
