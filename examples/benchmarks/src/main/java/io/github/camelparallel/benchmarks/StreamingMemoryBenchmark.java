package io.github.camelparallel.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.camelparallel.dispatch.ResultIterator;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Scenario "streaming": does the heap of a streamed batch stay the same whatever the batch's length? Issue 4's
 * acceptance point: the peak live heap of {@code parallel:...&streaming=true} at 1,000,000 and at 10,000,000 items
 * should be the same within 10%, and it is compared with Camel's own streaming splitter on the same job.
 * <p>
 * A plain harness, not JMH: what is measured is a one-shot property of a whole JVM (its heap over one run), so every
 * measurement is a fresh child JVM with a fixed heap ({@link #DEFAULT_CHILD_JVM_ARGS}) that starts a
 * {@link DefaultCamelContext}, feeds it a lazy {@code Iterator<Integer>} of 0..N-1 (never a list), sums the cubes of
 * the results, and prints one {@code RESULT {json}} line. Peak live heap = the maximum, over every GC of the run, of
 * the heap pools' used bytes after that GC (a {@code GarbageCollectionNotificationInfo} listener on every collector);
 * the pools' own peak usage and a reading after one {@code System.gc()} at the end are reported beside it. The
 * consumer also calls {@code System.gc()} each time another 1/{@value #CHECKPOINTS} of the items has been consumed
 * ({@link Checkpoints}): a 1,000,000-item run allocates less than the young generation holds, so without them it
 * would have no GC to read at all, and a full GC's reading is the live set itself (a young GC's also counts old-gen
 * garbage). The checkpoints are at the same fractions of every run, whatever N, and their pauses are not counted in
 * the wall time. The parent gives each child a time limit and reports a timeout or an {@code OutOfMemoryError} as
 * the figure.
 * <p>
 * Peers, both with the same {@link Workloads#cube} function and 2 cores' worth of work: ours,
 * {@code to("parallel:mem?task=#cube&poolSize=2&streaming=true")} followed by a processor that consumes the
 * {@code ResultIterator}; Camel's {@code split(body(), sum).streaming().parallelProcessing()} with its default thread
 * pool, the step a processor that cubes the item, and an aggregation strategy that adds each result into one
 * {@code Long} (so the aggregation holds no list). Not thread-safe; one run at a time.
 */
final class StreamingMemoryBenchmark {

    /**
     * The children's JVM: a fixed 256 MB heap and the parallel collector (the flags of the other scenarios, smaller).
     * Fixed ({@code -Xms} = {@code -Xmx}) so the generations have the same sizes in every child and after-GC readings
     * compare; 256 MB is several times what Camel plus a window of results needs, so GC does not dominate the wall
     * time, yet small enough that anything kept per item (16 bytes × 10,000,000 is 160 MB) ends in an
     * {@code OutOfMemoryError} at 10,000,000 items rather than in a number that merely looks larger.
     * {@code ExitOnOutOfMemoryError} makes an OOM in any thread end the child at once, so it is reported, not hung.
     */
    static final List<String> DEFAULT_CHILD_JVM_ARGS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC",
            "-XX:+ExitOnOutOfMemoryError");

    /**
     * The headline rows' JVM: the default heap and collector (what users run), only told to exit on an
     * {@code OutOfMemoryError} so that one is reported rather than hung. The checkpoints' forced full GCs read the live
     * set there as well; a young GC's reading is rarer (a default heap has a large young generation).
     */
    static final List<String> DEFAULT_FLAGS = List.of("-XX:+ExitOnOutOfMemoryError");

    static final String OURS = "ours";
    /** Ours on 2 JVM worker processes: the parent's heap is what streaming bounds (each worker holds one run). */
    static final String OURS_PROCESS = "process";
    /** Ours on virtual threads: needs Java 21+, so the child runs on {@link PlainHarness#JDK21_HOME} from an older JVM. */
    static final String OURS_VIRTUAL = "virtual";
    /** Ours on an embedded Hazelcast member in the child JVM: the member's own heap is part of the figure. */
    static final String OURS_HAZELCAST = "hazelcast";
    static final String SPLIT = "split";
    static final Map<String, String> PEER_NAMES = Map.of(
            OURS, "`parallel:` streaming=true poolSize=2 (ours)",
            OURS_PROCESS, "`parallel:` streaming=true backend=process poolSize=2",
            OURS_VIRTUAL, "`parallel:` streaming=true backend=virtual poolSize=2 (Java 21+)",
            OURS_HAZELCAST, "`parallel:` streaming=true backend=hazelcast poolSize=2 (embedded member)",
            SPLIT, "Camel split(body()).streaming().parallelProcessing()");
    /** Marks a row measured on {@link #DEFAULT_FLAGS}. */
    static final String DEFAULT_FLAGS_SUFFIX = " · default flags";

    /** The row's peer, marked when on default flags. */
    static String label(Measurement m) {
        return PEER_NAMES.get(m.peer()) + (m.defaultFlags() ? DEFAULT_FLAGS_SUFFIX : "");
    }

    /** The backends of ours, in report order, with the property naming their batch lengths. */
    static final List<String> OUR_BACKENDS = List.of(OURS_PROCESS, OURS_VIRTUAL, OURS_HAZELCAST);

    private static final String ENTRY = "direct:run";
    private static final String RESULT_PREFIX = "RESULT ";
    private static final String PROGRESS_PREFIX = "PROGRESS ";
    private static final long MB = 1024 * 1024;

    /** Full GCs forced at evenly spaced points of every run, so that every run has live-set readings. */
    static final int CHECKPOINTS = 20;

    /**
     * One child JVM's figures. {@code outcome} is "ok", "timeout", "OutOfMemoryError" or "failed"; when it is not
     * "ok", {@code items} consumed is the last progress the child reported and the heap figures are its last known
     * ones (or -1). Heap figures are bytes. {@code maxReadAhead}: ours only (else -1), the most items read from the
     * input and not yet handed to the consumer, over the checkpoints ({@code ResultIterator} counts).
     */
    record Measurement(String peer, int n, String outcome, String detail, double wallMillis, long items, long sum,
            long expectedSum, long baselineHeap, long peakAfterGc, long peakAfterFullGc, int gcs, int fullGcs,
            long poolPeaks, long afterFinalGc, long maxHeap, long maxReadAhead, boolean defaultFlags) {

        Measurement onDefaultFlags(boolean value) {
            return new Measurement(peer, n, outcome, detail, wallMillis, items, sum, expectedSum, baselineHeap,
                    peakAfterGc, peakAfterFullGc, gcs, fullGcs, poolPeaks, afterFinalGc, maxHeap, maxReadAhead, value);
        }

        boolean ok() {
            return outcome.equals("ok");
        }

        boolean correct() {
            return ok() && items == n && sum == expectedSum;
        }
    }

    /** What the report needs. */
    record Results(List<String> childJvmArgs, int timeoutSeconds, List<Measurement> measurements) {

        /** The fixed-heap row of {@code peer} at {@code n} items. */
        Measurement find(String peer, int n) {
            return find(peer, n, false);
        }

        Measurement find(String peer, int n, boolean defaultFlags) {
            return measurements.stream().filter(m -> m.peer().equals(peer) && m.n() == n
                    && m.defaultFlags() == defaultFlags).findFirst().orElse(null);
        }
    }

    private StreamingMemoryBenchmark() {
    }

    /**
     * For every size and peer, one child JVM, one after the other: first ours and Camel's split on the JVM's default
     * flags (the headline rows, the goal's), then on the fixed heap: ours at every size, ours on the other backends,
     * Camel's split.
     */
    static Results run(BenchSettings s) throws Exception {
        List<String> jvmArgs = BenchSettings.words(System.getProperty("bench.streaming.jvmArgs"),
                DEFAULT_CHILD_JVM_ARGS);
        int timeoutSeconds = Integer.getInteger("bench.streaming.timeoutSeconds", 300);
        List<Integer> splitItems = BenchSettings.ints(System.getProperty("bench.streaming.splitItems"), s.streamingItems());
        List<Measurement> measurements = new ArrayList<>(headline(s.streamingItems(), splitItems, timeoutSeconds));
        for (int n : s.streamingItems()) {
            measurements.add(fork(OURS, n, jvmArgs, timeoutSeconds));
        }
        for (String backend : OUR_BACKENDS) {
            for (int n : BenchSettings.ints(System.getProperty("bench.streaming." + backend + "Items"),
                    s.streamingItems())) {
                measurements.add(fork(backend, n, jvmArgs, timeoutSeconds));
            }
        }
        for (int n : splitItems) {
            measurements.add(fork(SPLIT, n, jvmArgs, timeoutSeconds));
        }
        return new Results(jvmArgs, timeoutSeconds, measurements);
    }

    /** Only the rows the goals read: ours and Camel's split at the largest size, on default flags (a repeat). */
    static Results runGoalRows(BenchSettings s) throws Exception {
        int timeoutSeconds = Integer.getInteger("bench.streaming.timeoutSeconds", 300);
        List<Integer> largest = List.of(s.streamingItems().stream().mapToInt(Integer::intValue).max().orElseThrow());
        return new Results(DEFAULT_CHILD_JVM_ARGS, timeoutSeconds, headline(largest, largest, timeoutSeconds));
    }

    private static List<Measurement> headline(List<Integer> ours, List<Integer> split, int timeoutSeconds)
            throws Exception {
        List<Measurement> rows = new ArrayList<>();
        for (int n : ours) {
            rows.add(fork(OURS, n, DEFAULT_FLAGS, timeoutSeconds).onDefaultFlags(true));
        }
        for (int n : split) {
            rows.add(fork(SPLIT, n, DEFAULT_FLAGS, timeoutSeconds).onDefaultFlags(true));
        }
        return rows;
    }

    /** The child's entry point: {@code StreamingMemoryBenchmark <ours|split> <n>}. */
    public static void main(String[] args) throws Exception {
        Measurement m = measure(args[0], Integer.parseInt(args[1]));
        System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(m));
        System.out.flush();
        System.exit(0);
    }

    // ---- parent side -------------------------------------------------------------------------------------------

    private static Measurement fork(String peer, int n, List<String> jvmArgs, int timeoutSeconds) throws Exception {
        System.out.printf("Streaming memory: %s, %,d items, fresh JVM %s...%n", PEER_NAMES.get(peer), n,
                String.join(" ", jvmArgs));
        String java = ProcessHandle.current().info().command().orElse("java");
        if (peer.equals(OURS_VIRTUAL) && Runtime.version().feature() < 21) {
            Path modern = Path.of(PlainHarness.JDK21_HOME, "bin", "java");
            if (!Files.isExecutable(modern)) {
                System.out.printf("  n/a: no JDK 21+ at %s (set -Dbench.jdk21Home=)%n", PlainHarness.JDK21_HOME);
                return new Measurement(peer, n, "n/a", "no JDK 21+ at " + PlainHarness.JDK21_HOME, -1, 0, 0,
                        expectedSum(n), -1, -1, -1, -1, -1, -1, -1, -1, -1, false);
            }
            java = modern.toString();
        }
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(jvmArgs);
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(StreamingMemoryBenchmark.class.getName());
        argv.add(peer);
        argv.add(String.valueOf(n));
        Path stderr = Files.createTempFile("streaming-bench", ".stderr");
        Process child = new ProcessBuilder(argv).redirectError(stderr.toFile()).start();
        ChildOutput result = new ChildOutput();
        Thread reader = new Thread(() -> readLines(child, result), "streaming-bench-stdout");
        reader.setDaemon(true);
        reader.start();
        boolean exited = child.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(5000);
        // the JVM writes some of its own errors to stdout ("Terminating due to java.lang.OutOfMemoryError", VM init)
        String errors = (Files.readString(stderr, StandardCharsets.UTF_8) + "\n" + result.otherLines()).strip();
        Files.deleteIfExists(stderr);
        Measurement m;
        if (exited && child.exitValue() == 0 && result.result != null) {
            m = new ObjectMapper().readValue(result.result, Measurement.class);
        } else {
            String outcome = !exited ? "timeout"
                    : errors.contains("OutOfMemoryError") ? "OutOfMemoryError" : "failed";
            String detail = !exited ? "no result after " + timeoutSeconds + " s; killed"
                    : "exit " + child.exitValue() + ": " + lastLines(errors, 3);
            m = new Measurement(peer, n, outcome, detail, -1, result.progressItems, 0, expectedSum(n), -1,
                    result.progressPeak, -1, -1, -1, -1, -1, -1, -1, false);
        }
        System.out.printf("  %s%n", summary(m));
        if (!m.ok() && !errors.isBlank()) {
            System.out.println("  child output (last lines): " + lastLines(errors, 5));
        }
        return m;
    }

    /** The child's last {@code RESULT} line, its last progress report, and its other stdout lines (the last few). */
    private static final class ChildOutput {
        volatile String result;
        volatile long progressItems;
        volatile long progressPeak = -1;
        private final ArrayDeque<String> other = new ArrayDeque<>();

        synchronized void other(String line) {
            other.add(line);
            if (other.size() > 20) {
                other.poll();
            }
        }

        synchronized String otherLines() {
            return String.join("\n", other);
        }
    }

    private static void readLines(Process child, ChildOutput into) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(RESULT_PREFIX)) {
                    into.result = line.substring(RESULT_PREFIX.length());
                } else if (line.startsWith(PROGRESS_PREFIX)) {
                    String[] parts = line.substring(PROGRESS_PREFIX.length()).trim().split("\\s+");
                    into.progressItems = Long.parseLong(parts[0]);
                    into.progressPeak = Long.parseLong(parts[1]);
                    System.out.printf("    %,d items consumed, peak heap after GC so far %,.1f MB%n",
                            into.progressItems, into.progressPeak / (double) MB);
                } else {
                    into.other(line);
                    System.out.println("    child: " + line);
                }
            }
        } catch (IOException e) {
            // the child was killed: what was read is what there is
        }
    }

    static String summary(Measurement m) {
        if (!m.ok()) {
            return m.outcome() + " (" + m.detail() + "; " + String.format("%,d", m.items()) + " items consumed)";
        }
        return String.format(Locale.ROOT,
                "%,.0f ms, %,d items, sum %s, peak heap after GC %.1f MB (after full GCs %s), final %.1f MB, %d GCs",
                m.wallMillis(), m.items(), m.sum() == m.expectedSum() ? "correct" : "WRONG", m.peakAfterGc() / (double) MB,
                m.peakAfterFullGc() < 0 ? "none" : String.format(Locale.ROOT, "%.1f MB",
                        m.peakAfterFullGc() / (double) MB), m.afterFinalGc() / (double) MB, m.gcs());
    }

    private static String lastLines(String text, int lines) {
        String[] all = text.strip().split("\\R");
        return String.join(" | ", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }

    // ---- child side --------------------------------------------------------------------------------------------

    /** Σ cube(i) for i in 0..n-1 in {@code long} arithmetic (wrapping, as the peers' sums do): ((n(n-1)/2)²) mod 2⁶⁴. */
    static long expectedSum(int n) {
        BigInteger half = BigInteger.valueOf(n).multiply(BigInteger.valueOf(n - 1L)).shiftRight(1);
        return half.multiply(half).longValue();
    }

    /** The input: 0..n-1, generated as it is read; nothing holds the items but the reader. */
    static Iterator<Integer> range(int n) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Integer next() {
                if (next >= n) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }

    /** Runs one peer once over {@code n} items in this JVM and measures its heap. */
    static Measurement measure(String peer, int n) throws Exception {
        Function<Integer, Long> cube = Workloads.cubeFunction();
        AtomicLong consumed = new AtomicLong();
        AtomicLong readAhead = new AtomicLong(-1);
        Checkpoints checkpoints = new Checkpoints(n);
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("cube", cube);
        context.addRoutes(switch (peer) {
            case OURS -> oursRoute("parallel:mem?task=#cube&poolSize=2&streaming=true", consumed, checkpoints,
                    readAhead);
            case OURS_PROCESS, OURS_HAZELCAST -> oursRoute("parallel:mem?task=#class:"
                    + ProcessTasks.Cube.class.getName() + "&backend=" + peer + "&poolSize=2&streaming=true", consumed,
                    checkpoints, readAhead);
            case OURS_VIRTUAL -> oursRoute("parallel:mem?task=#cube&backend=virtual&poolSize=2&streaming=true",
                    consumed, checkpoints, readAhead);
            case SPLIT -> splitRoute(cube, consumed, checkpoints);
            default -> throw new IllegalArgumentException("unknown peer " + peer);
        });
        context.start();
        try (ProducerTemplate template = context.createProducerTemplate()) {
            System.gc();
            long baseline = heapUsed();
            HeapWatch watch = HeapWatch.install();
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "streaming-bench-progress");
                t.setDaemon(true);
                return t;
            });
            progress.scheduleAtFixedRate(() -> {
                System.out.println(PROGRESS_PREFIX + consumed.get() + " " + watch.peakAfterGc.get());
                System.out.flush();
            }, 10, 10, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            long[] countAndSum = template.requestBody(ENTRY, range(n), long[].class);
            double wallMillis = (System.nanoTime() - t0 - checkpoints.pausedNanos) / 1e6;
            progress.shutdownNow();
            watch.awaitNotifications();
            long peakAfterGc = watch.peakAfterGc.get();
            long peakAfterFullGc = watch.peakAfterFullGc.get();
            int gcs = watch.gcs.get();
            int fullGcs = watch.fullGcs.get();
            long poolPeaks = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.gc();
            long afterFinalGc = heapUsed();
            return new Measurement(peer, n, "ok", "", wallMillis, countAndSum[0], countAndSum[1], expectedSum(n),
                    baseline, peakAfterGc, peakAfterFullGc, gcs, fullGcs, poolPeaks, afterFinalGc,
                    Runtime.getRuntime().maxMemory(), readAhead.get(), false);
        } finally {
            context.close();
        }
    }

    /** Ours: the streamed results consumed by the next step of the same route, as a user's route would. */
    private static RouteBuilder oursRoute(String uri, AtomicLong consumed, Checkpoints checkpoints,
            AtomicLong readAhead) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(ENTRY)
                        .to(uri)
                        .process(exchange -> {
                            Iterator<?> results = exchange.getMessage().getBody(Iterator.class);
                            ResultIterator counts = (ResultIterator) results;
                            long count = 0;
                            long sum = 0;
                            while (results.hasNext()) {
                                sum += (Long) results.next();
                                if (checkpoints.due(++count)) {
                                    readAhead.accumulateAndGet(counts.pulledCount() - counts.deliveredCount(),
                                            Math::max);
                                    checkpoints.gc();
                                }
                                if ((count & 0xFFFF) == 0) {
                                    consumed.lazySet(count);
                                }
                            }
                            consumed.set(count);
                            exchange.getMessage().setBody(new long[] { count, sum });
                        });
            }
        };
    }

    /** Camel's: a streaming, parallel split whose aggregation adds the results into one Long. */
    private static RouteBuilder splitRoute(Function<Integer, Long> cube, AtomicLong consumed,
            Checkpoints checkpoints) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(ENTRY)
                        .split(body(), new SumStrategy(consumed, checkpoints)).streaming().parallelProcessing()
                            .process(exchange -> exchange.getMessage().setBody(
                                    cube.apply(exchange.getMessage().getBody(Integer.class))))
                        .end()
                        .process(exchange -> exchange.getMessage().setBody(
                                new long[] { consumed.get(), exchange.getMessage().getBody(Long.class) }));
            }
        };
    }

    /**
     * Adds every split result into the first exchange's {@code Long} body and counts them: the aggregate is one
     * exchange and one number, whatever the batch's length. Called by Camel under its aggregation lock.
     */
    static final class SumStrategy implements AggregationStrategy {

        private final AtomicLong count;
        private final Checkpoints checkpoints;

        SumStrategy(AtomicLong count, Checkpoints checkpoints) {
            this.count = count;
            this.checkpoints = checkpoints;
        }

        @Override
        public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
            long value = newExchange.getMessage().getBody(Long.class);
            if (checkpoints.due(count.incrementAndGet())) {
                checkpoints.gc();
            }
            if (oldExchange == null) {
                newExchange.getMessage().setBody(value);
                return newExchange;
            }
            oldExchange.getMessage().setBody(oldExchange.getMessage().getBody(Long.class) + value);
            return oldExchange;
        }
    }

    /**
     * Forces a full GC each time another {@code n / CHECKPOINTS} items have been consumed, on the consumer's thread, and
     * adds up the time spent in them. Used by the one consuming thread (ours: the route's processor; split: under
     * Camel's aggregation lock), so it needs no synchronization of its own; {@code pausedNanos} is read after the run.
     */
    static final class Checkpoints {
        private final long step;
        private long next;
        private int taken;
        volatile long pausedNanos;

        Checkpoints(long n) {
            this.step = Math.max(1, n / CHECKPOINTS);
            this.next = step;
        }

        /** True when {@code count} consumed items reach the next checkpoint; the caller then calls {@link #gc()}. */
        boolean due(long count) {
            if (count < next) {
                return false;
            }
            next += step;
            return true;
        }

        void gc() {
            long t0 = System.nanoTime();
            System.gc();
            if (++taken == CHECKPOINTS / 2 && Boolean.getBoolean("bench.streaming.histogram")) {
                printHistogram();
            }
            pausedNanos += System.nanoTime() - t0;
        }

        /** {@code -Dbench.streaming.histogram=true}: the live objects by class at the middle checkpoint, on stderr. */
        private static void printHistogram() {
            try {
                Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram", new Object[] { new String[0] }, new String[] { String[].class.getName() });
                System.err.println(String.join("\n", Arrays.asList(text.toString().split("\\R")).subList(0, Math.min(3000, text.toString().split("\\R").length))));
            } catch (Exception e) {
                System.err.println("no class histogram: " + e);
            }
        }
    }

    /** Peaks of the heap after each GC, from the collectors' notifications (delivered on a JMX thread). */
    private static final class HeapWatch {
        final AtomicLong peakAfterGc = new AtomicLong();
        final AtomicLong peakAfterFullGc = new AtomicLong(-1);
        final AtomicInteger gcs = new AtomicInteger();
        final AtomicInteger fullGcs = new AtomicInteger();
        private final long collectionsBefore = collections();

        /** Waits (up to 2 s) until every GC since {@link #install()} has been seen by the listener. */
        void awaitNotifications() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (gcs.get() < collections() - collectionsBefore && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        private static long collections() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        }

        static HeapWatch install() {
            HeapWatch watch = new HeapWatch();
            Set<String> heap = heapPools().stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heap.contains(pool.getKey())) {
                            used += pool.getValue().getUsed();
                        }
                    }
                    long after = used;
                    watch.gcs.incrementAndGet();
                    watch.peakAfterGc.accumulateAndGet(after, Math::max);
                    if (info.getGcAction().contains("major")) {
                        watch.fullGcs.incrementAndGet();
                        watch.peakAfterFullGc.accumulateAndGet(after, Math::max);
                    }
                }, null, null);
            }
            return watch;
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
