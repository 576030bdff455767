package io.github.camelparallel.operations;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelProgressEvent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.dispatch.BatchProgress;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code progress=true}: while a slow batch runs, progress events arrive with growing counts and the batch's total,
 * the same numbers are logged at INFO, and a final event and line report every item.
 */
class ProgressTest {

    @Test
    void progressEventsAndLinesDuringASlowBatch() throws Exception {
        List<BatchProgress> events = new CopyOnWriteArrayList<>();
        Function<Integer, Integer> slow = n -> {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (n % 10 == 9) {
                throw new IllegalStateException("bad " + n);
            }
            return n;
        };
        CamelContext context = TestContexts.create(Map.of("slow", slow), TestContexts.route("direct:in",
                "parallel:progress?task=#slow&poolSize=2&chunkSize=1&onError=collect&progress=true&progressInterval=150ms"));
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                events.add(((ParallelProgressEvent) event).getProgress());
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof ParallelProgressEvent;
            }
        });
        context.start();
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        Exchange out;
        try {
            out = TestContexts.send(context, "direct:in", IntStream.range(0, 40).boxed().toList());
        } finally {
            System.setErr(err);
            context.stop();
        }
        BatchProgress last = events.get(events.size() - 1);
        assertTrue(last.finished(), "a final event: " + last);
        assertEquals(40, last.done());
        assertEquals(4, last.failed());
        assertEquals(40, last.total());
        List<BatchProgress> during = events.stream().filter(p -> !p.finished()).toList();
        assertTrue(during.size() >= 2, "events while the batch ran (about 0.8 s, every 150 ms): " + events);
        for (int i = 1; i < during.size(); i++) {
            assertTrue(during.get(i).done() >= during.get(i - 1).done(), "counts never go back: " + during);
            assertEquals(40, during.get(i).total());
        }
        assertTrue(during.get(during.size() - 1).done() < 40, "seen while unfinished");
        assertEquals(last, out.getProperty(ParallelProgressEvent.PROPERTY), "the exchange property holds the latest");
        String lines = log.toString(StandardCharsets.UTF_8);
        System.out.print(lines); // kept in the test report: the sample in docs/operations.md comes from here
        assertTrue(lines.contains("[progress] progress: "), lines);
        assertTrue(lines.contains("/40 items ("), lines);
        assertTrue(lines.contains("items/s | elapsed"), lines);
        assertTrue(lines.contains("ETA"), lines);
        assertTrue(lines.contains("[progress] done: 40/40 items (100.0%)"), lines);
        assertTrue(lines.contains("| failed 4 | retried 0"), lines);
    }
}
