package io.github.camelparallel.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The result cache's worth and cost, one harness run, same machine, thread backend of all processors:
 * <ul>
 *   <li>CPU-heavy batch (the cube example's: 200 items of chained SHA-256 rounds, ~20 ms each): {@code cache=false};
 *       {@code cache=true} on an empty store (every item a miss: the overhead); {@code cache=true} again on the same
 *       store (every item a hit: the saving). Goals: hit run >= 20x faster than the miss run; miss run <= 1.10x the
 *       uncached run.</li>
 *   <li>Tiny tasks (cube over 10,000 ints), the same three runs: where the cache costs more than it saves.</li>
 * </ul>
 * Each figure is the median of {@code bench.cache.reps} (default 5) batches, each on a fresh store for the miss run
 * (its producer started by an empty batch first, so the figure is the batch's, not the task version's hashing).
 * Run: {@code java -cp benchmarks.jar io.github.camelparallel.benchmarks.CacheBenchmark}.
 */
public final class CacheBenchmark {

    /** The CPU-heavy task as a named class, so the cache versions it by its bytecode. */
    public static final class Sha256Task implements Function<Integer, Long> {

        private final int rounds;

        public Sha256Task(int rounds) {
            this.rounds = rounds;
        }

        @Override
        public Long apply(Integer item) {
            return Workloads.sha256Rounds(item, rounds);
        }
    }

    /** The tiny task as a named class. */
    public static final class CubeTask implements Function<Integer, Long> {
        @Override
        public Long apply(Integer item) {
            return Workloads.cube(item);
        }
    }

    /** One scenario's medians in milliseconds. */
    public record Figures(String scenario, int items, double uncachedMs, double missMs, double hitMs) {

        double missOverhead() {
            return missMs / uncachedMs;
        }

        double hitSpeedup() {
            return missMs / hitMs;
        }
    }

    private CacheBenchmark() {
    }

    /** The scenario as {@link BenchmarkMain} runs it: sizes and repetitions by preset (the smoke preset: tiny). */
    static List<Figures> run(BenchSettings settings) throws Exception {
        boolean smoke = "smoke".equals(settings.preset());
        int reps = Integer.getInteger("bench.cache.reps", smoke ? 1 : 5);
        int rounds = settings.cpuRounds() > 0 ? settings.cpuRounds()
                : Workloads.calibrateSha256Rounds(settings.cpuMillis());
        System.out.println("Result cache: uncached, all-miss and all-hit batches...");
        return List.of(
                measure("CPU-heavy (" + (smoke ? 20 : 200) + " x SHA-256, " + rounds + " rounds)",
                        new Sha256Task(rounds), smoke ? 20 : 200, reps),
                measure("tiny (cube)", new CubeTask(), smoke ? 200 : 10_000, reps));
    }

    public static void main(String[] args) throws Exception {
        int reps = Integer.getInteger("bench.cache.reps", 5);
        int rounds = Integer.getInteger("bench.cpu.rounds", 0) > 0 ? Integer.getInteger("bench.cpu.rounds")
                : Workloads.calibrateSha256Rounds(Double.parseDouble(System.getProperty("bench.cpu.millis", "20")));
        String only = System.getProperty("bench.cache.only", "cpu,tiny");
        List<Figures> all = new ArrayList<>();
        if (only.contains("cpu")) {
            all.add(measure("CPU-heavy (200 x SHA-256, " + rounds + " rounds)", new Sha256Task(rounds), 200, reps));
        }
        if (only.contains("tiny")) {
            all.add(measure("tiny (cube)", new CubeTask(), 10_000, reps));
        }
        System.out.println(report(all));
        if (Boolean.getBoolean("bench.cache.raw")) {
            all.forEach(f -> System.out.println(f));
        }
    }

    static String report(List<Figures> all) {
        StringBuilder out = new StringBuilder();
        out.append("| Batch | Items | cache=false | cache=true, all misses | cache=true, all hits | miss run / uncached"
                + " (goal <= 1.10) | miss run / hit run (goal >= 20) |\n|---|---|---|---|---|---|---|\n");
        for (Figures f : all) {
            out.append(String.format("| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.3f | %.1fx |%n", f.scenario(),
                    f.items(), f.uncachedMs(), f.missMs(), f.hitMs(), f.missOverhead(), f.hitSpeedup()));
        }
        return out.toString();
    }

    static Figures measure(String scenario, Function<Integer, Long> task, int items, int reps) throws Exception {
        List<Integer> batch = Workloads.items(items);
        Path root = Files.createTempDirectory("cache-bench");
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("task", task);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:plain").to("parallel:plain?task=#task");
                    from("direct:cached").toD("parallel:cached?task=#task&cache=true&cacheDir=${header.dir}");
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            List<?> expected = send(template, "direct:plain", batch, null); // warm-up, and the reference results
            send(template, "direct:cached", batch, root.resolve("warm-up").toString());
            double[] plain = new double[reps];
            double[] miss = new double[reps];
            double[] hit = new double[reps];
            for (int r = 0; r < reps; r++) {
                String dir = root.resolve("rep-" + r).toString();
                send(template, "direct:cached", List.of(), dir); // starts this store's producer: batches are timed, not starts
                // alternate which of the two goes first, so neither always runs right after the other's garbage
                if (r % 2 == 0) {
                    plain[r] = timed(() -> check(expected, send(template, "direct:plain", batch, null)));
                    miss[r] = timed(() -> check(expected, send(template, "direct:cached", batch, dir)));
                } else {
                    miss[r] = timed(() -> check(expected, send(template, "direct:cached", batch, dir)));
                    plain[r] = timed(() -> check(expected, send(template, "direct:plain", batch, null)));
                }
                hit[r] = timed(() -> check(expected, send(template, "direct:cached", batch, dir)));
            }
            return new Figures(scenario, items, median(plain), median(miss), median(hit));
        } finally {
            deleteTree(root);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double timed(Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static List<?> send(ProducerTemplate template, String uri, List<Integer> batch, String dir) {
        Exchange out = template.send(uri, e -> {
            e.getIn().setBody(batch);
            e.getIn().setHeader("dir", dir);
        });
        if (out.getException() != null) {
            throw new IllegalStateException(out.getException());
        }
        return out.getMessage().getBody(List.class);
    }

    private static void check(List<?> expected, List<?> actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("cached results differ from the uncached ones");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
