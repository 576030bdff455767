package io.github.camelparallel.operations;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import io.github.camelparallel.process.Behaviour;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One MBean per pool under Camel JMX ({@code type=parallel}): the numbers after a batch with failures and retries,
 * {@code resetStatistics}, and {@code restartWorkers} replacing a process pool's workers; gone when the pool stops.
 */
class PoolMBeanTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private static ObjectName poolName(String pool) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:type=parallel,name=\"" + pool + "\",*"),
                null);
        assertEquals(1, names.size(), "one MBean for the pool: " + names);
        return names.iterator().next();
    }

    @Test
    void numbersAfterABatchAndResetStatistics() throws Exception {
        Function<Integer, Integer> task = n -> {
            if (n % 5 == 0) {
                throw new IllegalStateException("bad " + n);
            }
            return n;
        };
        context = TestContexts.started(Map.of("task", task), TestContexts.route("direct:in",
                "parallel:jmx?task=#task&poolSize=2&onError=collect&maxRetries=1"));
        TestContexts.send(context, "direct:in", IntStream.range(0, 50).boxed().toList());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = poolName("jmx");
        assertEquals("jmx", server.getAttribute(name, "PoolName"));
        assertEquals("thread", server.getAttribute(name, "Backend"));
        assertEquals(2, server.getAttribute(name, "PoolSize"));
        assertEquals(2, server.getAttribute(name, "LiveWorkers"));
        assertEquals(1L, server.getAttribute(name, "Batches"));
        assertEquals(40L, server.getAttribute(name, "ItemsCompleted"));
        assertEquals(10L, server.getAttribute(name, "ItemsFailed"));
        assertEquals(10L, server.getAttribute(name, "ItemsRetried"), "each failing item ran once more");
        assertEquals(true, server.getAttribute(name, "Healthy"));
        assertTrue((Double) server.getAttribute(name, "AverageItemMillis") >= 0);
        server.invoke(name, "resetStatistics", null, null);
        assertEquals(0L, server.getAttribute(name, "Batches"));
        assertEquals(0L, server.getAttribute(name, "ItemsCompleted"));
        context.stop();
        context = null;
        assertTrue(server.queryNames(new ObjectName("org.apache.camel:type=parallel,name=\"jmx\",*"), null).isEmpty(),
                "the MBean is gone with the pool");
    }

    @Test
    void restartWorkersReplacesTheProcessPoolsWorkers() throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:jmxproc?backend=process&poolSize=2&task=#class:" + Behaviour.class.getName()));
        ProcessPoolBackend backend = (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class)
                .getPoolBackend("jmxproc");
        List<Long> before = backend.workerPids();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = poolName("jmxproc");
        assertEquals(2, server.invoke(name, "restartWorkers", null, null));
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline
                && (backend.liveWorkers() < 2 || backend.workerPids().stream().anyMatch(before::contains))) {
            Thread.sleep(50);
        }
        List<Long> after = backend.workerPids();
        assertEquals(2, after.size());
        after.forEach(pid -> assertTrue(!before.contains(pid), "a fresh worker: " + before + " -> " + after));
        assertEquals(List.of("a!", "b!"), context.createProducerTemplate().requestBody("direct:in", List.of("a", "b")));
        assertNotEquals(before, after);
    }
}
