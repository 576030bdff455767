package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Endpoints with one name share one reference-counted pool; conflicting pool options fail at start. */
class SharedPoolTest {

    @Test
    void twoEndpointsOfOneNameShareOnePoolAndTheLastOneOutStopsIt() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Function<Integer, Integer> task = n -> {
            threads.add(Thread.currentThread().getName());
            return n;
        };
        CamelContext context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").routeId("a").to("parallel:shared?task=#task&poolSize=2&chunkSize=1");
                from("direct:b").routeId("b").to("parallel:shared?task=#task&chunkSize=5");
            }
        });
        try {
            ParallelComponent component = context.getComponent("parallel", ParallelComponent.class);
            List<Integer> input = IntStream.range(0, 200).boxed().toList();
            assertEquals(input, TestContexts.send(context, "direct:a", input).getMessage().getBody());
            assertEquals(input, TestContexts.send(context, "direct:b", input).getMessage().getBody());
            assertEquals(2, component.getPoolSpec("shared").poolSize(), "b joined a's pool");
            assertTrue(threads.size() <= 2, "one pool of 2 threads served both: " + threads);
            threads.forEach(t -> assertTrue(t.contains("Parallel[shared]"), t));

            context.getRouteController().stopRoute("a");
            assertNotNull(component.getPoolSpec("shared"), "b still holds the pool");
            assertEquals(input, TestContexts.send(context, "direct:b", input).getMessage().getBody());
            context.getRouteController().stopRoute("b");
            assertNull(component.getPoolSpec("shared"), "the last one out stopped the pool");
            waitUntilNoThreadNamed("Parallel[shared]");
        } finally {
            context.stop();
        }
    }

    @Test
    void conflictingPoolOptionsFailAtStartNamingBoth() throws Exception {
        CamelContext context = TestContexts.create(Map.of("task", (Function<Object, Object>) x -> x), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("parallel:clash?task=#task&poolSize=2");
                from("direct:b").to("parallel:clash?task=#task&poolSize=3");
            }
        });
        Exception error = assertThrows(Exception.class, context::start);
        String message = PoolSizeTest.rootCause(error).getMessage();
        assertTrue(message.contains("poolSize=2") && message.contains("poolSize=3"), message);
        context.stop();
    }

    @Test
    void differentNamesGetDifferentPools() throws Exception {
        CamelContext context = TestContexts.started(Map.of("task", (Function<Object, Object>) x -> x), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("parallel:one?task=#task&poolSize=1");
                from("direct:b").to("parallel:two?task=#task&poolSize=3");
            }
        });
        try {
            ParallelComponent component = context.getComponent("parallel", ParallelComponent.class);
            assertEquals(1, component.getPoolSpec("one").poolSize());
            assertEquals(3, component.getPoolSpec("two").poolSize());
            assertSame(component, context.getComponent("parallel"));
        } finally {
            context.stop();
        }
    }

    static void waitUntilNoThreadNamed(String fragment) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (TestContexts.threadsNamed(fragment) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, TestContexts.threadsNamed(fragment), "threads of " + fragment + " left behind");
    }
}
