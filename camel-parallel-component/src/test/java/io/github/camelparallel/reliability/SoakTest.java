package io.github.camelparallel.reliability;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import io.github.camelparallel.process.Behaviour;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Soak ({@code -Psoak}, not in CI: it runs only when {@value #MINUTES_PROPERTY} is set, 10 by the profile): for that
 * many minutes, mixed batches (20 to 200 items, task exceptions, items over {@code taskTimeout}, now and then a worker
 * killed with -9) go to a thread pool, a worker-process pool and an embedded Hazelcast member, each checked item by
 * item ({@link ChaosBatch}). Every {@value #SAMPLE_SECONDS} s the heap after a full GC, the live threads and the child
 * processes are sampled. After a warm-up of the first fifth: the heap of the last third stays within 25% (+8 MiB) of
 * the first third's, the threads within 2, and the child processes exactly the pool's workers throughout; at the end
 * nothing is left. The samples are printed and appended to {@code target/reliability-figures.txt}.
 */
@EnabledIfSystemProperty(named = SoakTest.MINUTES_PROPERTY, matches = "\\d+(\\.\\d+)?")
class SoakTest {

    static final String MINUTES_PROPERTY = "soak.minutes";
    static final int SAMPLE_SECONDS = 15;
    static final List<String> BACKENDS = List.of("thread", "process", "hazelcast");

    record Sample(long second, long heapBytes, int threads, int processes) {
    }

    @Test
    void mixedBatchesKeepHeapThreadsAndProcessesFlat() throws Exception {
        double minutes = Double.parseDouble(System.getProperty(MINUTES_PROPERTY));
        ChaosLeaks leaks = ChaosLeaks.baseline();
        Random random = new Random();
        CamelContext context = TestContexts.started(Map.of(), new RouteBuilder() {
            @Override
            public void configure() {
                for (String backend : BACKENDS) {
                    from("direct:" + backend).to("parallel:soak" + backend + "?backend=" + backend + "&poolSize=2"
                            + "&chunkSize=4&taskTimeout=" + (backend.equals("hazelcast") ? 1000 : 300)
                            + "ms&onError=collect&task=#class:" + Behaviour.class.getName());
                }
            }
        });
        ChaosTally tally = new ChaosTally("soak", "rounds", "kills", "items", "results", "thrown", "timeouts",
                "crashed", "chunkTimeouts", "hangs", "leaks");
        ProcessPoolBackend workers = (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class)
                .getPoolBackend("soakprocess");
        List<Sample> samples = new ArrayList<>();
        ProducerTemplate template = context.createProducerTemplate();
        long start = System.nanoTime();
        long end = start + (long) (minutes * 60e9);
        long nextSample = start;
        try {
            while (System.nanoTime() < end) {
                String backend = BACKENDS.get(random.nextInt(BACKENDS.size()));
                ChaosBatch batch = ChaosBatch.random(random, 20 + random.nextInt(181), 5, 1, ChaosSuite.SLOW_MILLIS, 5);
                CompletableFuture<Exchange> reply = template.asyncSend("direct:" + backend,
                        e -> e.getIn().setBody(batch.items));
                if (backend.equals("process") && random.nextInt(10) == 0) {
                    Thread.sleep(random.nextInt(100));
                    List<Long> pids = workers.workerPids();
                    if (!reply.isDone() && !pids.isEmpty()
                            && ProcessHandle.of(pids.get(random.nextInt(pids.size())))
                                    .map(ProcessHandle::destroyForcibly).orElse(false)) {
                        tally.add("kills", 1);
                    }
                }
                Exchange out = reply.get(ChaosSuite.ROUND_BOUND_SECONDS, TimeUnit.SECONDS);
                tally.add(batch, batch.check(out, new ChaosBatch.Allowances(backend.equals("process"),
                        backend.equals("hazelcast"))));
                if (System.nanoTime() >= nextSample) {
                    ChaosThreadTest.awaitIdle(workers, 2); // sample at full strength, not mid-replacement
                    samples.add(sample(start, leaks));
                    nextSample += TimeUnit.SECONDS.toNanos(SAMPLE_SECONDS);
                }
            }
            ChaosThreadTest.awaitIdle(workers, 2);
            samples.add(sample(start, leaks));
        } finally {
            template.stop();
            context.stop();
        }
        List<String> left = leaks.awaitBack(20_000);
        tally.add("leaks", left.size());
        report(samples);
        tally.report();
        assertEquals(List.of(), left, "threads and processes left after the soak");
        assertFlat(samples);
    }

    private static Sample sample(long start, ChaosLeaks leaks) {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Sample(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), heap,
                ChaosLeaks.liveThreads().size(), leaks.newProcesses().size());
    }

    private static void report(List<Sample> samples) {
        ChaosTally series = new ChaosTally("soak-samples");
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            String key = "#" + i + "@" + s.second() + "s:";
            series.add(key + "heapKiB", s.heapBytes() / 1024);
            series.add(key + "threads", s.threads());
            series.add(key + "processes", s.processes());
        }
        series.report();
    }

    /** After the warm-up (first fifth), the last third against the first third. */
    private static void assertFlat(List<Sample> samples) {
        assertTrue(samples.size() >= 6, "too short a soak to judge: " + samples.size() + " samples");
        List<Sample> measured = samples.subList(samples.size() / 5, samples.size());
        int third = Math.max(1, measured.size() / 3);
        List<Sample> first = measured.subList(0, third);
        List<Sample> last = measured.subList(measured.size() - third, measured.size());
        long firstHeap = first.stream().mapToLong(Sample::heapBytes).max().orElseThrow();
        long lastHeap = last.stream().mapToLong(Sample::heapBytes).min().orElseThrow();
        assertTrue(lastHeap <= firstHeap * 1.25 + 8 * 1024 * 1024, "heap grew from " + firstHeap / 1024 + " KiB to "
                + lastHeap / 1024 + " KiB: " + samples);
        int firstThreads = first.stream().mapToInt(Sample::threads).max().orElseThrow();
        int lastThreads = last.stream().mapToInt(Sample::threads).min().orElseThrow();
        assertTrue(lastThreads <= firstThreads + 2, "threads grew from " + firstThreads + " to " + lastThreads
                + ": " + samples);
        samples.forEach(s -> assertEquals(2, s.processes(), "child processes at " + s.second() + " s: " + samples));
    }
}
