package io.github.camelparallel.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * backend=process with {@code workerJvmOptions=-XX:StartFlightRecording=...}, the usual way to profile the workers.
 * The JVM prints JFR's start-up message ({@code [0.8s][info][jfr,startup] Started recording 1. ...}) on the worker's
 * stdout before {@code main} runs, and no JVM option sends it elsewhere. The pool must log those lines and go on (it
 * used to take them for a protocol break, kill the worker and start another, forever: the batch never ended).
 */
class FlightRecordingWorkersTest {

    private CamelContext context;
    private PrintStream err;
    private ByteArrayOutputStream log;
    private Set<Long> childrenBefore;

    @BeforeEach
    void captureTheLog() {
        childrenBefore = liveChildren();
        err = System.err;
        log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopAndCheckNoWorkerLeft() throws InterruptedException {
        try {
            if (context != null) {
                context.stop();
            }
        } finally {
            System.setErr(err);
            err.print(log.toString(StandardCharsets.UTF_8));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!newChildren().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(25);
        }
        assertEquals(Set.of(), newChildren(), "worker processes left after the context stopped");
    }

    @Test
    void aBatchRunsOnWorkersThatRecordAndTheRecordingIsWritten(@TempDir Path dir) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:jfr?backend=process&task=#class:"
                + Cube.class.getName() + "&poolSize=2&chunkSize=100&workerStartupTimeout=10s"
                + "&workerJvmOptions=RAW(-XX:StartFlightRecording=filename=" + dir + "/w-%p.jfr)"));
        List<Integer> input = IntStream.range(0, 1000).boxed().toList();
        Exchange out = context.createProducerTemplate().asyncSend("direct:in", e -> e.getIn().setBody(input))
                .get(60, TimeUnit.SECONDS);

        assertNull(out.getException(), () -> "batch failed: " + out.getException());
        List<?> results = out.getMessage().getBody(List.class);
        assertEquals(input.size(), results.size());
        for (int i = 0; i < input.size(); i++) {
            assertEquals((long) i * i * i, results.get(i), "index " + i);
        }
        context.stop(); // the workers dump their recording when they exit
        String text = log.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("broke the protocol"), text);
        assertTrue(text.contains("[jfr] worker 1") && text.contains("[jfr,startup] Started recording"),
                "JFR's start-up lines are logged with the pool name and worker id: " + text);
        assertFalse(recordings(dir).isEmpty(), "no flight recording in " + dir);
    }

    private static List<Path> recordings(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jfr")).filter(f -> f.toFile().length() > 0)
                    .toList();
        }
    }

    private static Set<Long> liveChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private Set<Long> newChildren() {
        Set<Long> now = liveChildren();
        now.removeAll(childrenBefore);
        return now;
    }
}
