package io.github.camelparallel.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cold pool serves its first batch with the first worker that said hello: route start and the first result do not
 * wait for a slower worker, which joins the pool when it is ready (real worker JVMs, one held by its initializer).
 */
class FirstReadyWorkerTest {

    @TempDir
    Path gate;
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    @Timeout(value = 100, unit = TimeUnit.SECONDS) // the held worker waits two minutes: waiting for it fails here
    void theFirstBatchRunsOnTheFirstReadyWorkerWhileTheOtherStillStarts() throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:first?backend=process"
                + "&poolSize=2&workerStartupTimeout=0&task=#class:" + Cube.class.getName() + "&initializer=#class:"
                + GatedInitializer.class.getName() + "&workerJvmOptions=-D" + GatedInitializer.GATE + "=" + gate));

        ProducerTemplate template = context.createProducerTemplate();
        assertEquals(List.of(27L), template.requestBody("direct:in", List.of(3), List.class));
        assertFalse(Files.exists(gate.resolve("passed")), "the first result did not wait for the held worker");
        assertEquals(2, backend().liveWorkers(), "the held worker is still starting");

        awaitFile(gate.resolve("held"));
        Files.writeString(gate.resolve("release"), "");
        awaitFile(gate.resolve("passed"));
        List<Integer> input = IntStream.range(0, 2_000).boxed().toList();
        List<?> results = template.requestBody("direct:in", input, List.class);
        for (int i = 0; i < input.size(); i++) {
            assertEquals((long) i * i * i, results.get(i), "index " + i);
        }
        assertEquals(0, backend().restarts(), "the slow worker joined the pool, it was not replaced");
        assertNull(backend().status().problem());
    }

    private ProcessPoolBackend backend() {
        return (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class).getPoolBackend("first");
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), file + " within 60 s");
    }
}
