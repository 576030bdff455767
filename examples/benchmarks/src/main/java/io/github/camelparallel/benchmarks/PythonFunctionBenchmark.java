package io.github.camelparallel.benchmarks;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The same Python function through {@code parallel:} with {@code python=} and through Python's own pools, in one run:
 * a tiny one ({@code tiny(x) = x**3}, per-item overhead) and a ~5 ms one (speed-up of 2 workers over 1), against
 * {@code multiprocessing.Pool(2).map(f, xs, chunksize=...)} and joblib-style auto batching ({@code py_function.py}).
 * Goals: tiny items within 1.5x of {@code Pool(2).map}; 2 workers over 1 at least 1.85x on the 5 ms item. Prints the
 * medians, the spread (min..max) and the ratios. Run: {@code java -cp benchmarks.jar
 * io.github.camelparallel.benchmarks.PythonFunctionBenchmark} ({@code -Dbench.python=} for another interpreter,
 * {@code -Dbench.reps=}, {@code -Dbench.tiny.items=}, {@code -Dbench.slow.items=}, {@code -Dbench.tiny.options=&chunkSize=1000}
 * to add options to the tiny series' URI).
 */
public final class PythonFunctionBenchmark {

    private static final int CHUNKSIZE = 1000;

    private PythonFunctionBenchmark() {
    }

    /** Medians and spreads of one series, in milliseconds per batch. */
    record Series(String name, double[] millis) {

        double median() {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        String line(int items) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "| %s | %.1f ms | %.1f..%.1f ms | %.1f us |", name, median(), sorted[0],
                    sorted[sorted.length - 1], median() * 1000 / items);
        }
    }

    /** One run's series: tiny items (ours, Pool(2).map, joblib-style) and the 5 ms items (ours on 1 and 2, the peers). */
    record Results(String python, int tinyItems, int slowItems, List<Series> tiny, List<Series> slow, String skipped) {

        static Results skipped(String python, String why) {
            return new Results(python, 0, 0, List.of(), List.of(), why);
        }

        boolean measured() {
            return skipped == null;
        }

        /** Ours per item ÷ Pool(2).map per item on the tiny function (goal: at most 1.5). */
        double tinyRatio() {
            return measured() ? tiny.get(0).median() / tiny.get(1).median() : Double.NaN;
        }

        /** 5 ms items: one worker's time ÷ two workers' time (goal: at least 1.85). */
        double speedUp() {
            return measured() ? slow.get(0).median() / slow.get(1).median() : Double.NaN;
        }

        /** The report's table: one row per series, medians, spread and time per item. */
        String table() {
            StringBuilder out = new StringBuilder("| Series | Median | Spread | Per item |\n|---|---|---|---|\n");
            tiny.forEach(s -> out.append(s.line(tinyItems)).append('\n'));
            slow.forEach(s -> out.append(s.line(slowItems)).append('\n'));
            return out.toString();
        }
    }

    public static void main(String[] args) throws Exception {
        Results r = run(System.getProperty("bench.python", "python3"), Integer.getInteger("bench.reps", 5),
                Integer.getInteger("bench.tiny.items", 20_000), Integer.getInteger("bench.slow.items", 200));
        if (!r.measured()) {
            System.out.println("not run: " + r.skipped());
            return;
        }
        System.out.print(r.table());
        System.out.printf(Locale.ROOT, "tiny: parallel:/Pool(2).map = %.2fx (goal <= 1.5x)%n", r.tinyRatio());
        System.out.printf(Locale.ROOT, "5 ms: speed-up of 2 workers over 1 = %.2fx (goal >= 1.85x)%n", r.speedUp());
    }

    /** Runs every series once, in one JVM; skipped (with the reason) when {@code python} cannot run. */
    static Results run(String python, int reps, int tinyItems, int slowItems) throws Exception {
        try {
            Process probe = new ProcessBuilder(python, "-c", "import sys; assert sys.version_info >= (3, 8)")
                    .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor() != 0) {
                return Results.skipped(python, python + " is older than 3.8");
            }
        } catch (java.io.IOException e) {
            return Results.skipped(python, python + " not found");
        }
        Path folder = Files.createTempDirectory("py-function-bench");
        Path script = folder.resolve("py_function.py");
        try (InputStream in = PythonFunctionBenchmark.class.getResourceAsStream("/python/py_function.py")) {
            Files.write(script, in.readAllBytes());
        }
        String options = "?backend=process&pythonPath=" + folder + "&pythonExecutable=" + python;
        List<Integer> tiny = IntStream.range(0, tinyItems).boxed().toList();
        List<Integer> slow = IntStream.range(0, slowItems).boxed().toList();
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            Series oursTiny = ours(template, "parallel:tiny2" + options + "&python=py_function:tiny&poolSize=2"
                    + System.getProperty("bench.tiny.options", ""),
                    "parallel: python=, poolSize=2, tiny", tiny, reps);
            Series poolTiny = peer(python, script, "Pool(2).map(chunksize=" + CHUNKSIZE + "), tiny", reps, "pool",
                    "tiny", tinyItems, CHUNKSIZE);
            Series batchTiny = peer(python, script, "joblib-style batches on Pool(2), tiny", reps, "batches", "tiny",
                    tinyItems);
            Series oursOne = ours(template, "parallel:slow1" + options + "&python=py_function:work5ms&poolSize=1",
                    "parallel: python=, poolSize=1, 5 ms", slow, reps);
            Series oursTwo = ours(template, "parallel:slow2" + options + "&python=py_function:work5ms&poolSize=2",
                    "parallel: python=, poolSize=2, 5 ms", slow, reps);
            Series poolSlow = peer(python, script, "Pool(2).map(chunksize=1), 5 ms", reps, "pool", "work5ms",
                    slowItems, 1);
            Series batchSlow = peer(python, script, "joblib-style batches on Pool(2), 5 ms", reps, "batches",
                    "work5ms", slowItems);
            return new Results(python, tinyItems, slowItems, List.of(oursTiny, poolTiny, batchTiny),
                    List.of(oursOne, oursTwo, poolSlow, batchSlow), null);
        }
    }

    /** Times the batch through the endpoint {@code reps} times after two untimed batches (pool start, warm-up). */
    private static Series ours(ProducerTemplate template, String uri, String name, List<Integer> items, int reps) {
        for (int i = 0; i < 2; i++) {
            template.requestBody(uri, items);
        }
        double[] millis = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            List<?> results = template.requestBody(uri, items, List.class);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (results.size() != items.size()) {
                throw new IllegalStateException(name + ": " + results.size() + " results for " + items.size() + " items");
            }
        }
        return new Series(name, millis);
    }

    private static Series peer(String python, Path script, String name, int reps, Object... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(python, script.toString(), String.valueOf(args[0]),
                String.valueOf(args[1]), String.valueOf(args[2]), "2", String.valueOf(reps)));
        for (Object arg : Arrays.asList(args).subList(3, args.length)) {
            argv.add(String.valueOf(arg));
        }
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("python peer failed: " + argv + "\n" + out);
        }
        JsonNode seconds = new ObjectMapper().readTree(out).get("seconds");
        double[] millis = new double[seconds.size()];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = seconds.get(i).asDouble() * 1000;
        }
        return new Series(name, millis);
    }
}
