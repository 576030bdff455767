package io.github.camelparallel.operations;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.github.camelparallel.TestContexts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Micrometer meters per pool, tagged with the pool name, when the application has a MeterRegistry; without one the
 * pool runs as before and registers nothing; the meters go with the pool.
 */
class PoolMetricsTest {

    private static final Function<Integer, Integer> TASK = n -> {
        if (n == 3) {
            throw new IllegalStateException("bad 3");
        }
        return n;
    };

    @Test
    void metersWhenTheApplicationHasAMeterRegistry() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CamelContext context = TestContexts.started(Map.of("task", TASK, "meters", registry),
                TestContexts.route("direct:in", "parallel:metered?task=#task&poolSize=2&onError=collect"));
        try {
            TestContexts.send(context, "direct:in", IntStream.range(0, 10).boxed().toList());
            TestContexts.send(context, "direct:in", IntStream.range(0, 10).boxed().toList());
            assertEquals(18.0, registry.get("camel.parallel.items").tag("pool", "metered").tag("outcome", "completed")
                    .counter().count());
            assertEquals(2.0, registry.get("camel.parallel.items").tag("pool", "metered").tag("outcome", "failed")
                    .counter().count());
            assertEquals(2, registry.get("camel.parallel.batch").tag("pool", "metered").timer().count());
            assertEquals(2.0, registry.get("camel.parallel.workers").tag("pool", "metered").gauge().value());
        } finally {
            context.stop();
        }
        assertNull(registry.find("camel.parallel.items").tag("pool", "metered").counter(), "meters go with the pool");
    }

    @Test
    void nothingBreaksWithoutMicrometerOnTheClasspath() throws Exception {
        String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        assertEquals(true, classpath.length() < System.getProperty("java.class.path").length(), "micrometer left out");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp", classpath,
                NoMicrometerMain.class.getName()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(true, child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(true, output.contains("RESULT [2, 3, 4]"), output);
    }

    @Test
    void nothingBreaksWithoutARegistry() throws Exception {
        CamelContext context = TestContexts.started(Map.of("task", TASK),
                TestContexts.route("direct:in", "parallel:unmetered?task=#task&poolSize=2&onError=skip"));
        try {
            assertEquals(List.of(0, 1, 2, 4), TestContexts.send(context, "direct:in", List.of(0, 1, 2, 3, 4))
                    .getMessage().getBody());
        } finally {
            context.stop();
        }
    }
}
