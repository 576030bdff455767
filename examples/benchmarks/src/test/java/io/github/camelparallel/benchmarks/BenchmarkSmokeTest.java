package io.github.camelparallel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the harness works, measures nothing: every peer computes the same list as the sequential loop, the
 * streaming-memory children of both peers sum a 20,000-item stream correctly, the hazelcast scenario's thread and
 * embedded-member rows return the right results (no member JVM: that part needs the quick preset), every peer of the
 * plain harness returns the loop's list, the docs are rewritten between their markers only, and the whole run
 * completes at a tiny size and writes a report naming every peer and scenario, with PNG charts. No timing or heap
 * figure is asserted.
 */
class BenchmarkSmokeTest {

    @Test
    void everyPeerReturnsTheSequentialResultsInInputOrder() throws Exception {
        List<Integer> items = Workloads.items(5_000);
        check(items, Workloads.cubeFunction());
        check(Workloads.items(9), Workloads.sha256Function(20));
    }

    private static void check(List<Integer> items, Function<Integer, Long> task) throws Exception {
        List<Long> expected = Sequential.map(items, task);
        try (HandChunked pool = new HandChunked(2)) {
            assertEquals(expected, pool.map(items, task), "hand-chunked");
        }
        for (int chunkSize : new int[] {0, TinyTaskBenchmark.evenChunkSize(items.size(), 2)}) {
            try (CamelPeers ours = CamelPeers.parallel("smoke", task, 2, chunkSize)) {
                assertEquals(expected, ours.run(items), "parallel: chunkSize=" + chunkSize);
            }
        }
        try (CamelPeers split = CamelPeers.split(task)) {
            assertEquals(expected, split.run(items), "split");
        }
    }

    @Test
    void streamingChildrenOfEveryPeerSumTheWholeStream(@TempDir Path out) throws Exception {
        StreamingMemoryBenchmark.Results results = StreamingMemoryBenchmark.run(BenchSettings.smoke(out));

        // every peer on the fixed heap, and ours and Camel's split again on the JVM's default flags (the headline)
        assertEquals(StreamingMemoryBenchmark.PEER_NAMES.size() + 2, results.measurements().size(),
                results.toString());
        List<StreamingMemoryBenchmark.Measurement> rows = new ArrayList<>();
        for (String peer : StreamingMemoryBenchmark.PEER_NAMES.keySet()) {
            rows.add(results.find(peer, 20_000));
        }
        rows.add(results.find(StreamingMemoryBenchmark.OURS, 20_000, true));
        rows.add(results.find(StreamingMemoryBenchmark.SPLIT, 20_000, true));
        for (StreamingMemoryBenchmark.Measurement m : rows) {
            if (noJdk21ForVirtualThreads(m)) {
                continue;
            }
            assertEquals("ok", m.outcome(), m.toString());
            assertEquals(20_000, m.items(), m.toString());
            assertEquals(StreamingMemoryBenchmark.expectedSum(20_000), m.sum(), m.toString());
            assertTrue(m.fullGcs() >= StreamingMemoryBenchmark.CHECKPOINTS, "checkpoint GCs seen: " + m);
            assertTrue(m.peakAfterGc() > 0, m.toString());
        }
    }

    @Test
    void hazelcastScenarioRunsTheThreadBackendAndAnEmbeddedMember(@TempDir Path out) throws Exception {
        String rounds = System.getProperty(ProcessTasks.ROUNDS_PROPERTY);
        // every batch is compared with the sequential results item by item inside the harness; a wrong or failed
        // batch is counted as discarded (and run again), so the right lists are asserted through discarded == 0
        HazelcastBenchmark.Results results = HazelcastBenchmark.run(BenchSettings.smoke(out));

        assertEquals(6, results.overhead().size(), results.toString());
        for (String backend : List.of(HazelcastBenchmark.THREAD, HazelcastBenchmark.EMBEDDED)) {
            HazelcastBenchmark.Row small = results.find(results.overhead(), backend, 0, 0, false);
            assertTrue(small != null && small.timing().measured(), backend + " 10-item batch: " + small);
            assertEquals(10, small.items(), small.toString());
            assertEquals(0, small.discarded(), "wrong or failed batches: " + small);
        }
        for (int chunkSize : new int[] {1, 100}) {
            for (String backend : List.of(HazelcastBenchmark.THREAD, HazelcastBenchmark.EMBEDDED)) {
                HazelcastBenchmark.Row row = results.find(results.overhead(), backend, 0, chunkSize, false);
                assertTrue(row != null && row.timing().measured(), backend + " chunkSize=" + chunkSize + ": " + row);
                assertEquals(20, row.chunks(), row.toString());
                assertEquals(20 * chunkSize, row.items(), row.toString());
                assertEquals(0, row.discarded(), "wrong or failed batches: " + row);
            }
        }
        assertEquals(2, results.throughput().size(), results.toString());
        for (HazelcastBenchmark.Row row : results.throughput()) {
            assertTrue(row.timing().measured(), row.toString());
            assertEquals(4, row.items(), row.toString());
            assertEquals(0, row.discarded(), "wrong or failed batches: " + row);
        }
        assertTrue(results.clusterStarts().isEmpty(), "no member JVM in the smoke preset: " + results);
        assertEquals(rounds, System.getProperty(ProcessTasks.ROUNDS_PROPERTY), "the rounds property is restored");
    }

    @Test
    void closedFormSumWrapsLikeTheLongSums() {
        for (int n : new int[] {0, 1, 2, 3_000, 3_000_001}) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Workloads.cube(i);
            }
            assertEquals(sum, StreamingMemoryBenchmark.expectedSum(n), "n=" + n);
        }
    }

    @Test
    void harnessRunsEveryScenarioAndWritesTheReport(@TempDir Path out) throws Exception {
        String report = BenchmarkMain.run(BenchSettings.smoke(out));

        assertTrue(Files.exists(out.resolve(BenchmarkMain.REPORT_FILE)));
        assertTrue(Files.exists(out.resolve("jmh-cpu.json")));
        assertTrue(Files.exists(out.resolve("jmh-tiny.json")));
        assertTrue(report.contains("Speed-up of `parallel:` poolSize=2 over poolSize=1"), report);
        assertTrue(report.contains("Speed-up of 2 workers over 1"), report);
        assertTrue(report.contains("parallel: backend=process poolSize=2 chunkSize=0 (ours)"), report);
        assertTrue(report.contains("## Hazelcast backend against the thread backend"), report);
        assertTrue(report.contains("## Python functions: `python=` against Python's own pools"), report);
        assertTrue(report.contains("| parallel: python=, poolSize=2, tiny |")
                || report.contains("Not run: python3"), "the Python rows, or why not:\n" + report);
        assertTrue(report.contains("| `backend=hazelcast&poolSize=2` (embedded member) | 100 | 2,000 | 20 |"),
                report);
        for (String peer : StreamingMemoryBenchmark.PEER_NAMES.values()) {
            boolean virtualWithoutJdk21 = peer.equals(StreamingMemoryBenchmark.PEER_NAMES.get(
                    StreamingMemoryBenchmark.OURS_VIRTUAL)) && !jdk21Available();
            assertTrue(report.contains("| " + peer + " | 20,000 | " + (virtualWithoutJdk21 ? "n/a" : "ok")),
                    peer + " streaming row missing from:\n" + report);
        }
        for (String peer : BenchmarkMain.peerNames()) {
            assertTrue(report.contains(peer), peer + " missing from:\n" + report);
        }
        assertTrue(report.contains("| " + StreamingMemoryBenchmark.PEER_NAMES.get(StreamingMemoryBenchmark.OURS)
                + StreamingMemoryBenchmark.DEFAULT_FLAGS_SUFFIX + " | 20,000 | ok"), "default-flag row:\n" + report);
        for (String goal : List.of("ours' peak heap after GC ÷ Camel's streaming split's",
                "hand-chunked `ExecutorService` (same boxed list), default flags", "Small batches, process backend: p99",
                "Cold start of a 2-worker JVM pool", "Hazelcast per-chunk overhead, client of one member JVM")) {
            assertTrue(report.contains(goal), "goal " + goal + " missing from:\n" + report);
        }
        for (String section : List.of("## Goals", "## I/O-bound: tasks that each wait",
                "## Small batches: latency of a 10-item batch", "### CPU-bound speed-up, every backend and peer",
                "### Tiny tasks, the other backends and peers")) {
            assertTrue(report.contains(section), section + " missing from:\n" + report);
        }
        for (String label : List.of(PlainScenarios.STREAM, PlainScenarios.SPLIT_STREAMING, PlainScenarios.HAZELCAST,
                PlainScenarios.VIRTUAL, PlainScenarios.VEXECUTOR)) {
            assertTrue(report.contains("| " + label), label + " row missing from:\n" + report);
        }
        for (String chart : List.of("tiny-tasks.png", "cpu-speedup.png", "io-bound.png", "latency.png",
                "streaming-memory.png", "cold-start.png")) {
            Path png = out.resolve("charts").resolve(chart);
            assertTrue(Files.size(png) > 1000, png + " is not a chart");
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, png + " is not a PNG");
        }
    }

    @Test
    void everyPlainHarnessPeerReturnsTheSequentialResults() throws Exception {
        List<Integer> items = Workloads.items(500);
        for (String spec : List.of("sequential", "stream", "split", "splitStreaming", "executor:3",
                "ours:backend=thread&poolSize=2", "ours:backend=thread&poolSize=50&chunkSize=10")) {
            for (String task : List.of("cube", "wait:1")) {
                try (BatchPeers.Peer peer = BatchPeers.open(spec, task)) {
                    List<?> results = peer.run(items);
                    BatchPeers.check(peer, task, items, results); // throws on any wrong or missing result
                    if (!peer.completionOrder()) {
                        assertEquals(Sequential.map(items, BatchPeers.function(task)), results, spec + " " + task);
                    }
                }
            }
        }
    }

    @Test
    void theCheckRejectsAWrongOrShortList() throws Exception {
        List<Integer> items = Workloads.items(10);
        try (BatchPeers.Peer peer = BatchPeers.open("sequential", "cube")) {
            List<Long> wrong = new ArrayList<>(Sequential.map(items, Workloads.cubeFunction()));
            Collections.swap(wrong, 3, 4);
            assertThrows(IllegalStateException.class, () -> BatchPeers.check(peer, "cube", items, wrong));
            assertThrows(IllegalStateException.class, () -> BatchPeers.check(peer, "cube", items, wrong.subList(0, 9)));
        }
    }

    @Test
    void docsAreRewrittenBetweenTheMarkersOnly(@TempDir Path docs) throws Exception {
        Path doc = docs.resolve("benchmarks.md");
        Files.writeString(doc, "# Title\nbefore\n" + DocsUpdater.BEGIN + "\nold figures\n" + DocsUpdater.END
                + "\nafter\n");
        BenchCharts charts = new BenchCharts();
        BenchReport.tinyBar(charts, "ours", 1e6);
        BenchReport.tinyBar(charts, "split", 1e4);

        DocsUpdater.publish(docs, "## Goals\n\nnew figures\n", charts);

        String text = Files.readString(doc);
        assertTrue(text.startsWith("# Title\nbefore\n" + DocsUpdater.BEGIN), text);
        assertTrue(text.endsWith(DocsUpdater.END + "\nafter\n"), text);
        assertTrue(text.contains("### Goals\n\nnew figures"), text);
        assertTrue(!text.contains("old figures"), text);
        assertTrue(text.contains("](images/benchmarks/tiny-tasks.png)"), text);
        assertTrue(Files.size(docs.resolve("images/benchmarks/tiny-tasks.png")) > 1000);

        Files.writeString(doc, "no markers\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DocsUpdater.publish(docs, "x", charts));
        assertTrue(e.getMessage().contains(doc.toString()), e.getMessage());
        assertEquals("no markers\n", Files.readString(doc));
    }

    /** The virtual-thread child needs a JDK 21+; without one its row says so instead of running. */
    private static boolean noJdk21ForVirtualThreads(StreamingMemoryBenchmark.Measurement m) {
        if (!m.peer().equals(StreamingMemoryBenchmark.OURS_VIRTUAL) || jdk21Available()) {
            return false;
        }
        assertEquals("n/a", m.outcome(), m.toString());
        return true;
    }

    /** Whether this JVM or the configured JDK 21+ can run virtual threads. */
    private static boolean jdk21Available() {
        return Runtime.version().feature() >= 21 || Files.isExecutable(Path.of(PlainHarness.JDK21_HOME, "bin", "java"));
    }
}
