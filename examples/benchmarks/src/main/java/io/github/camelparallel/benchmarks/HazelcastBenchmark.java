package io.github.camelparallel.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import io.github.camelparallel.benchmarks.ProcessBenchmark.Timing;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Scenario "hazelcast": what {@code backend=hazelcast} costs and what more member JVMs give on
 * this machine, each against {@code backend=thread} in the same run.
 * <ol>
 * <li>Per-chunk overhead: {@code cube} over {@code chunks × chunkSize} ints with a fixed {@code chunkSize} (1 and 100
 * by default), so every batch is exactly {@code chunks} chunks; microseconds per chunk = the median batch time divided
 * by the chunks, for {@code backend=thread&poolSize=2}, {@code backend=hazelcast&poolSize=2} (an embedded member, this
 * JVM alone) and a client of one {@code MemberMain} JVM; then a small batch's latency (10 items, automatic chunks: rows
 * with {@code chunkSize} 0, the median of {@code bench.hazelcast.small.measure} batches is its p50).</li>
 * <li>Throughput: a CPU-bound batch (100 SHA-256 items of the preset's rounds, {@link ProcessTasks.Sha256}, automatic
 * chunks) through {@code clientMode=true} against 1, 2 and 3 member JVMs ({@link MemberJvms}, {@code --pool-size 2}
 * each, a fresh cluster for each count), with the thread backend and the embedded member for reference; items/s, and
 * the speed-up over 1 member.</li>
 * </ol>
 * A plain harness like {@link ProcessBenchmark}, not JMH: the peers are other JVMs and a cluster start is a one-shot
 * event. It runs in a forked JVM with the run's fork flags (the smoke preset: in this JVM, embedded member only), then
 * in a second fork, whose members get the flag too, with {@value #COMMON_POOL_FLAG} ("tuned" rows; the quick preset
 * only the per-chunk rows of the thread backend and the embedded member). Why: on a 2-processor machine the JDK's
 * common pool has parallelism 1, and Hazelcast then runs its futures' callbacks on a new thread each (the default
 * async executor of its {@code ConcurrencyUtil}), about three threads per chunk here (JFR); with parallelism 2 it uses
 * the common pool.
 * <p>
 * One context per row, started before its batches; every batch is checked item by item against the sequential
 * results: a wrong list, or a batch that fails, is reported and not timed, and more than {@link #DISCARD_LIMIT} of
 * them fail the run. Every endpoint gets {@code timeout=} {@code bench.hazelcast.batchTimeoutSeconds}, and a batch
 * still running 30 s after that prints a thread dump and interrupts the measuring thread. Each row also records the
 * cores it kept busy and those other processes did while it was measured ({@link CpuWatch}): the machine is
 * shared. Not thread-safe; one run at a time.
 */
final class HazelcastBenchmark {

    private static final String ENTRY = "direct:run";

    /**
     * One row. {@code members}: 0 for the thread backend and the embedded member (this JVM is the only member), else
     * the member JVMs a client used; {@code chunkSize} 0 = automatic; {@code tuned}: measured with
     * {@link #COMMON_POOL_FLAG}; {@code warmups} the unmeasured batches run before {@code timing}; {@code ourCores} and
     * {@code otherCores} the cores this JVM with its members, and every other process, kept busy on average while the
     * row was measured ({@link CpuWatch}); {@code discarded}: batches that returned a wrong list or failed, not
     * timed and run again; {@code note}: why a row has no figures, or the first discarded batch's problem.
     */
    record Row(String peer, String backend, int members, int chunkSize, int items, int chunks, boolean tuned,
            int warmups, Timing timing, double ourCores, double otherCores, int discarded, String note) {
    }

    /** One cluster of member JVMs: from the first launch to the last member ready, and to the client connected. */
    record ClusterStart(int members, boolean tuned, double readyMillis, double clientStartMillis) {
    }

    /**
     * What the report needs: the rows, then the sizes and iteration counts this run used ({@code bench.hazelcast.*})
     * and the JVM flags of the parent and the members.
     */
    record Results(List<Row> overhead, List<Row> throughput, List<ClusterStart> clusterStarts, int cpuItems,
            int cpuRounds, int warmup, long warmupMillis, int measure, int cpuWarmup, long cpuWarmupMillis, int cpuMeasure,
            List<String> parentJvmArgs, List<String> memberJvmArgs, int memberPoolSize) {

        Row find(List<Row> rows, String backend, int members, int chunkSize, boolean tuned) {
            return rows.stream().filter(r -> r.backend().equals(backend) && r.members() == members
                    && r.chunkSize() == chunkSize && r.tuned() == tuned).findFirst().orElse(null);
        }

        Results plus(Results tuned) {
            return new Results(concat(overhead, tuned.overhead), concat(throughput, tuned.throughput),
                    concat(clusterStarts, tuned.clusterStarts), cpuItems, cpuRounds, warmup, warmupMillis, measure, cpuWarmup,
                    cpuWarmupMillis, cpuMeasure, parentJvmArgs, memberJvmArgs, memberPoolSize);
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    static final String THREAD = "thread";
    static final String EMBEDDED = "embedded";
    static final String CLIENT = "client";

    /** The members' JVM in a tuned fork: a fixed heap and the parallel collector, as the other forks but smaller (the
     * default fork starts its members on the JVM's default flags). */
    static final List<String> TUNED_MEMBER_JVM_ARGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC");

    /** The JVM property of the common pool's parallelism, which decides Hazelcast's default async executor. */
    static final String COMMON_POOL_PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final String COMMON_POOL_FLAG = "-D" + COMMON_POOL_PROPERTY + "=2";
    static final String TUNED_SUFFIX = ", common pool parallelism 2";

    /** What a fork measures: {@link #ALL}, or only the per-chunk rows of the thread backend and the embedded member. */
    static final String ALL = "all";
    static final String OVERHEAD = "overhead";

    /**
     * Batches of one row that may return a wrong list or fail before the run gives up. Why not zero: on the component
     * of this commit, a batch of many small chunks sometimes has two threads pulling chunks at once (the dispatcher's
     * {@code pump()} clears its {@code submitting} flag in a {@code finally} after it already handed the role on), so
     * a chunk gets another chunk's first index: results land one place off, or a batch hangs on an
     * {@code ArrayIndexOutOfBoundsException} in a pool thread (docs/benchmarks.md, Hazelcast backend). Such a batch
     * is reported, not timed, and run again; every row has a batch {@code timeout=} so a hang ends as a failure.
     */
    static final int DISCARD_LIMIT = 10;

    private HazelcastBenchmark() {
    }

    /**
     * In a forked JVM on the JVM's default flags (the goals' rows), then (unless {@code bench.hazelcast.tuned=none}) in
     * a second fork on the run's tuned flags with {@link #COMMON_POOL_FLAG} as well; the smoke preset (no forks) runs in
     * this JVM, embedded member only.
     */
    static Results run(BenchSettings s) throws Exception {
        if (s.tinyForks() == 0) {
            return measure(s, ALL);
        }
        Results results = forked(s, List.of(), ALL);
        String tuned = System.getProperty("bench.hazelcast.tuned", s.preset().equals("full") ? ALL : OVERHEAD);
        if (tuned.equals(ALL) || tuned.equals(OVERHEAD)) {
            List<String> jvmArgs = new ArrayList<>(s.jvmArgs());
            jvmArgs.add(COMMON_POOL_FLAG);
            results = results.plus(forked(s, jvmArgs, tuned));
        }
        return results;
    }

    private static Results forked(BenchSettings s, List<String> jvmArgs, String parts) throws Exception {
        Path out = Files.createTempFile("hazelcast-bench", ".json");
        List<String> argv = BenchSettings.forkCommand(jvmArgs);
        argv.add("-Dbench.cpu.items=" + s.cpuItems());
        argv.add("-D" + ProcessTasks.ROUNDS_PROPERTY + "=" + s.cpuRounds());
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(HazelcastBenchmark.class.getName());
        argv.add(out.toString());
        argv.add(parts);
        // stdin stays a pipe from this JVM: the fork halts when it ends, so it never outlives this harness
        Process fork = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int limit = Integer.getInteger("bench.hazelcast.timeoutSeconds", 900);
        try {
            if (!fork.waitFor(limit, TimeUnit.SECONDS)) {
                throw new IllegalStateException("hazelcast benchmark fork still running after " + limit + " s: killed");
            }
            if (fork.exitValue() != 0) {
                throw new IllegalStateException("hazelcast benchmark fork failed (exit " + fork.exitValue() + "): "
                        + argv);
            }
            return new ObjectMapper().readValue(out.toFile(), Results.class);
        } finally {
            fork.destroyForcibly(); // its member JVMs exit when its end of their stdin closes
            Files.deleteIfExists(out);
        }
    }

    /** The fork's entry point: {@code HazelcastBenchmark <results.json> <all|overhead>}, settings from bench.*. */
    public static void main(String[] args) throws Exception {
        MemberJvms.haltWhenStdinEnds(); // and its member JVMs then end too: their stdin is a pipe from here
        Results results = measure(BenchSettings.fromSystemProperties(), args[1]);
        new ObjectMapper().writeValue(Path.of(args[0]).toFile(), results);
        System.exit(0);
    }

    private static Results measure(BenchSettings s, String parts) throws Exception {
        boolean smoke = s.preset().equals("smoke");
        boolean full = s.preset().equals("full");
        int warmup = Integer.getInteger("bench.hazelcast.warmup", smoke ? 0 : full ? 60 : 40);
        int measure = Integer.getInteger("bench.hazelcast.measure", smoke ? 1 : full ? 15 : 9);
        // at least 20,000 chunks and this long, every peer alike: the goals are a warm route's costs, and a few hundred
        // chunks left the JIT compilers busy (a quarter of perf's samples) and the figures up to 3x the warm ones
        long warmupMillis = Long.getLong("bench.hazelcast.warmupMillis", smoke ? 0 : full ? 6000 : 2000);
        // fresh member JVMs compile the task on its first items: one warm-up batch left 2 and 3 members visibly cold
        int cpuWarmup = Integer.getInteger("bench.hazelcast.cpu.warmup", smoke ? 0 : full ? 3 : 2);
        // and for at least this long: fresh member JVMs were still compiling (0.2-0.3 cores) several batches in
        long cpuWarmupMillis = Long.getLong("bench.hazelcast.cpu.warmupMillis", smoke ? 0 : full ? 8000 : 2000);
        int cpuMeasure = Integer.getInteger("bench.hazelcast.cpu.measure", smoke ? 1 : full ? 5 : 3);
        int chunks = Integer.getInteger("bench.hazelcast.chunks", smoke ? 20 : 500); // the goal's 500
        int cpuCount = Integer.getInteger("bench.hazelcast.cpu.items", Math.min(100, s.cpuItems()));
        int smallItems = Integer.getInteger("bench.hazelcast.small.items", 10);
        int smallWarmup = Integer.getInteger("bench.hazelcast.small.warmup", smoke ? 0 : 20);
        int smallMeasure = Integer.getInteger("bench.hazelcast.small.measure", smoke ? 1 : full ? 201 : 101);
        List<Integer> chunkSizes = BenchSettings.ints(System.getProperty("bench.hazelcast.chunkSizes"), List.of(1, 100));
        List<Integer> memberCounts = BenchSettings.ints(System.getProperty("bench.hazelcast.members"),
                smoke ? List.of() : List.of(1, 2, 3));
        // a tuned fork: the members get the same common pool as this JVM
        boolean tuned = System.getProperty(COMMON_POOL_PROPERTY) != null;
        // the goals' rows: members on the JVM's default flags, as the parent
        List<String> memberJvmArgs = BenchSettings.words(System.getProperty("bench.hazelcast.memberJvmArgs"),
                tuned ? TUNED_MEMBER_JVM_ARGS : List.of());
        int memberPool = Integer.getInteger("bench.hazelcast.memberPoolSize", 2);
        int batchTimeout = Integer.getInteger("bench.hazelcast.batchTimeoutSeconds", 20);
        List<String> parentJvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList();
        String suffix = tuned ? TUNED_SUFFIX : "";
        List<String> memberProperties = new ArrayList<>(List.of(ProcessTasks.ROUNDS_PROPERTY + "=" + s.cpuRounds()));
        if (tuned) {
            memberProperties.add(COMMON_POOL_PROPERTY + "=" + System.getProperty(COMMON_POOL_PROPERTY));
        }

        // the task classes read their rounds from this property, in this JVM (embedded member) as in the members
        String previousRounds = System.setProperty(ProcessTasks.ROUNDS_PROPERTY, String.valueOf(s.cpuRounds()));
        Batches batches = new Batches(batchTimeout, tuned);
        try {
            String cube = "task=#class:" + ProcessTasks.Cube.class.getName();
            String sha = "task=#class:" + ProcessTasks.Sha256.class.getName();
            List<Integer> cpuItems = Workloads.items(cpuCount);
            List<Long> cpuExpected = Sequential.map(cpuItems, Workloads.sha256Function(s.cpuRounds()));

            List<Row> overhead = new ArrayList<>();
            for (int chunkSize : chunkSizes) {
                List<Integer> items = Workloads.items(chunks * chunkSize);
                List<Long> expected = Sequential.map(items, Workloads::cube);
                System.out.printf("Hazelcast: per-chunk overhead, %,d chunks of %d, thread backend...%n", chunks,
                        chunkSize);
                overhead.add(batches.row("`backend=thread&poolSize=2`" + suffix, THREAD, 0, chunkSize, chunks,
                        "parallel:hzt" + chunkSize + "?backend=thread&poolSize=2&chunkSize=" + chunkSize + "&" + cube,
                        items, expected, warmup, warmupMillis, measure));
                System.out.printf("Hazelcast: per-chunk overhead, %,d chunks of %d, embedded member...%n", chunks,
                        chunkSize);
                overhead.add(batches.row("`backend=hazelcast&poolSize=2` (embedded member)" + suffix, EMBEDDED, 0,
                        chunkSize, chunks, "parallel:hze" + chunkSize + "?backend=hazelcast&poolSize=2&chunkSize="
                                + chunkSize + "&" + cube, items, expected, warmup, warmupMillis, measure));
            }

            // a small batch's latency: automatic chunks (chunkSize 0), the median of many batches is its p50
            List<Integer> small = Workloads.items(smallItems);
            List<Long> smallExpected = Sequential.map(small, Workloads::cube);
            System.out.printf("Hazelcast: %d-item batch latency, thread backend and embedded member...%n", smallItems);
            overhead.add(batches.row("`backend=thread&poolSize=2`, " + smallItems + "-item batch" + suffix, THREAD, 0,
                    0, smallItems, "parallel:hzts?backend=thread&poolSize=2&" + cube, small, smallExpected,
                    smallWarmup, warmupMillis, smallMeasure));
            overhead.add(batches.row("`backend=hazelcast&poolSize=2` (embedded member), " + smallItems
                    + "-item batch" + suffix, EMBEDDED, 0, 0, smallItems, "parallel:hzes?backend=hazelcast&poolSize=2&"
                    + cube, small, smallExpected, smallWarmup, warmupMillis, smallMeasure));

            List<Row> throughput = new ArrayList<>();
            List<ClusterStart> starts = new ArrayList<>();
            if (!parts.equals(ALL)) {
                return new Results(overhead, throughput, starts, cpuCount, s.cpuRounds(), warmup, warmupMillis, measure, cpuWarmup,
                        cpuWarmupMillis, cpuMeasure, parentJvmArgs, memberJvmArgs, memberPool);
            }
            System.out.printf("Hazelcast: throughput, %d SHA-256 items, thread backend...%n", cpuCount);
            throughput.add(batches.row("`backend=thread&poolSize=2`" + suffix, THREAD, 0, 0, 0,
                    "parallel:hzcput?backend=thread&poolSize=2&" + sha, cpuItems, cpuExpected, cpuWarmup,
                    cpuWarmupMillis, cpuMeasure));
            System.out.printf("Hazelcast: throughput, %d SHA-256 items, embedded member...%n", cpuCount);
            throughput.add(batches.row("`backend=hazelcast&poolSize=2` (embedded member)" + suffix, EMBEDDED, 0, 0, 0,
                    "parallel:hzcpue?backend=hazelcast&poolSize=2&" + sha, cpuItems, cpuExpected, cpuWarmup,
                    cpuWarmupMillis, cpuMeasure));

            for (int n : memberCounts) {
                System.out.printf("Hazelcast: starting %d member JVM(s) (--pool-size %d)...%n", n, memberPool);
                String peer = "`clientMode=true`, " + n + " member JVM" + (n == 1 ? "" : "s") + suffix;
                MemberJvms cluster;
                try {
                    cluster = MemberJvms.start(n, memberPool, memberJvmArgs, memberProperties, 120);
                } catch (Exception e) {
                    System.out.println("  " + e.getMessage());
                    throughput.add(new Row(peer, CLIENT, n, 0, cpuItems.size(), 0, tuned, 0,
                            new Timing(peer, List.of()), Double.NaN, Double.NaN, 0,
                            "cluster did not start: " + e.getMessage()));
                    continue;
                }
                try (cluster) {
                    batches.members = cluster;
                    System.out.printf("  ready in %,.0f ms: %s%n", cluster.readyMillis(), cluster.addresses());
                    String client = "backend=hazelcast&clientMode=true&poolSize=" + memberPool + "&clusterName="
                            + cluster.clusterName() + "&members=" + String.join(",", cluster.addresses());
                    Row row = batches.row(peer, CLIENT, n, 0, 0, "parallel:hzc" + n + "?" + client + "&" + sha,
                            cpuItems, cpuExpected, cpuWarmup, cpuWarmupMillis, cpuMeasure);
                    throughput.add(row);
                    starts.add(new ClusterStart(n, tuned, cluster.readyMillis(), batches.lastStartMillis));
                    if (n == 1) {
                        for (int chunkSize : chunkSizes) {
                            List<Integer> items = Workloads.items(chunks * chunkSize);
                            System.out.printf("Hazelcast: per-chunk overhead, %,d chunks of %d, client of 1 member"
                                    + " JVM...%n", chunks, chunkSize);
                            overhead.add(batches.row("`clientMode=true&poolSize=2`, 1 member JVM" + suffix, CLIENT, 1,
                                    chunkSize, chunks, "parallel:hzco" + chunkSize + "?" + client + "&chunkSize="
                                            + chunkSize + "&" + cube, items, Sequential.map(items, Workloads::cube),
                                    warmup, warmupMillis, measure));
                        }
                        System.out.printf("Hazelcast: %d-item batch latency, client of 1 member JVM...%n", smallItems);
                        overhead.add(batches.row("`clientMode=true&poolSize=2`, 1 member JVM, " + smallItems
                                + "-item batch" + suffix, CLIENT, 1, 0, smallItems, "parallel:hzcs?" + client + "&"
                                + cube, small, smallExpected, smallWarmup, warmupMillis, smallMeasure));
                    }
                    if (cluster.alive() != n) {
                        throw new IllegalStateException("a member JVM died during the run: " + cluster.alive()
                                + " of " + n + " alive");
                    }
                } finally {
                    batches.members = null;
                }
            }
            return new Results(overhead, throughput, starts, cpuCount, s.cpuRounds(), warmup, warmupMillis, measure, cpuWarmup,
                    cpuWarmupMillis, cpuMeasure, parentJvmArgs, memberJvmArgs, memberPool);
        } finally {
            batches.close();
            if (previousRounds == null) {
                System.clearProperty(ProcessTasks.ROUNDS_PROPERTY);
            } else {
                System.setProperty(ProcessTasks.ROUNDS_PROPERTY, previousRounds);
            }
        }
    }

    /** Times batches through one context per row, with a watchdog on every batch. */
    private static final class Batches implements AutoCloseable {

        private final int timeoutSeconds;
        private final boolean tuned;
        private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hazelcast-bench-watchdog");
            t.setDaemon(true);
            return t;
        });
        /** Milliseconds of the last row's {@code context.start()} (for a client: connecting to the cluster). */
        double lastStartMillis;
        /** The member JVMs running now, whose CPU is ours too; null when none. */
        MemberJvms members;

        Batches(int timeoutSeconds, boolean tuned) {
            this.timeoutSeconds = timeoutSeconds;
            this.tuned = tuned;
        }

        /**
         * Starts a context with {@code from("direct:run").to(uri)}, runs at least {@code warmup} batches and for at
         * least {@code warmupMillis} unmeasured, then {@code measure} timed ones, checking every result list.
         */
        Row row(String peer, String backend, int members, int chunkSize, int chunks, String endpoint,
                List<Integer> items, List<Long> expected, int warmup, long warmupMillis, int measure) throws Exception {
            // the batch bound turns a batch that would hang (see DISCARD_LIMIT) into a failed one
            String uri = endpoint + "&timeout=" + TimeUnit.SECONDS.toMillis(timeoutSeconds);
            List<Double> millis = new ArrayList<>();
            int warmups = 0;
            int discarded = 0;
            String firstProblem = "";
            CpuWatch cpu = null;
            CamelContext context = new DefaultCamelContext();
            try {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from(ENTRY).to(uri);
                    }
                });
                long s0 = System.nanoTime();
                context.start();
                lastStartMillis = (System.nanoTime() - s0) / 1e6;
                if (backend.equals(CLIENT)) {
                    checkClientSees(members);
                }
                try (ProducerTemplate template = context.createProducerTemplate()) {
                    long warmupEnd = System.nanoTime() + warmupMillis * 1_000_000;
                    int warmedUp = 0;
                    while (millis.size() < measure) {
                        boolean warming = warmedUp < warmup || System.nanoTime() < warmupEnd;
                        if (!warming && cpu == null) {
                            MemberJvms running = this.members;
                            cpu = CpuWatch.start(() -> running == null ? 0 : running.cpuNanos());
                        }
                        Thread caller = Thread.currentThread();
                        int stuckAfter = timeoutSeconds + 30; // the batch's own timeout did not end it
                        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
                            System.out.println("  batch of " + peer + " still running after " + stuckAfter
                                    + " s; thread dump:\n" + threadDump());
                            caller.interrupt();
                        }, stuckAfter, TimeUnit.SECONDS);
                        long t0 = System.nanoTime();
                        List<?> results = null;
                        String problem = null;
                        try {
                            results = template.requestBody(ENTRY, items, List.class);
                        } catch (RuntimeException e) {
                            problem = "failed: " + rootCause(e);
                        } finally {
                            alarm.cancel(false);
                        }
                        long elapsed = System.nanoTime() - t0;
                        if (Thread.interrupted()) {
                            throw new IllegalStateException(peer + ": batch still running after " + stuckAfter + " s");
                        }
                        if (problem == null && !expected.equals(results)) {
                            problem = "wrong results: " + describe(expected, results);
                        }
                        if (problem != null) {
                            discarded++;
                            firstProblem = firstProblem.isEmpty() ? problem : firstProblem;
                            System.out.println("  DISCARDED batch " + (warmedUp + millis.size() + discarded) + " of "
                                    + peer + ": " + problem);
                            if (discarded > DISCARD_LIMIT) {
                                throw new IllegalStateException(peer + ": " + discarded + " batches wrong or failed,"
                                        + " the first: " + firstProblem);
                            }
                            continue;
                        }
                        if (warming) {
                            warmedUp++;
                        } else {
                            millis.add(elapsed / 1e6);
                        }
                    }
                    warmups = warmedUp;
                    if (cpu != null) {
                        cpu.stop();
                    }
                }
            } finally {
                context.close();
            }
            Timing timing = new Timing(peer, millis);
            double ours = cpu == null ? Double.NaN : cpu.ours();
            double others = cpu == null ? Double.NaN : cpu.others();
            System.out.printf("  median %.2f ms per batch (%s) after %d warm-up batches; cores busy meanwhile: ours"
                    + " %.2f, others %.2f%s%n", timing.median(), millis.stream()
                    .map(m -> String.format(Locale.ROOT, "%.2f", m)).toList(), warmups, ours, others,
                    discarded == 0 ? "" : "; " + discarded + " batch(es) discarded");
            return new Row(peer, backend, members, chunkSize, items.size(), chunks, tuned, warmups, timing, ours,
                    others, discarded, firstProblem);
        }

        /** The client's parallelism is poolSize × the members it sees at start: it must see all of them. */
        private static void checkClientSees(int members) {
            for (HazelcastInstance client : HazelcastClient.getAllHazelcastClients()) {
                int seen = client.getCluster().getMembers().size();
                if (seen != members) {
                    throw new IllegalStateException("the client sees " + seen + " members, expected " + members);
                }
            }
        }

        @Override
        public void close() {
            watchdog.shutdownNow();
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static String describe(List<Long> expected, List<?> results) {
        if (results == null) {
            return "no body";
        }
        if (results.size() != expected.size()) {
            return results.size() + " results for " + expected.size() + " items";
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(results.get(i))) {
                return "item " + i + ": expected " + expected.get(i) + ", got " + results.get(i)
                        + (results.get(i) == null ? "" : " (" + results.get(i).getClass().getName() + ")");
            }
        }
        return "equal element by element, different lists";
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                dump.append(" on ").append(info.getLockName());
            }
            dump.append('\n');
            for (StackTraceElement frame : info.getStackTrace()) { // every frame: ThreadInfo.toString() stops at 8
                dump.append("    at ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }
}
