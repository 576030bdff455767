package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** executorService=#ref uses the user's pool and never shuts it down; threadPoolProfile is honoured. */
class ExecutorOptionsTest {

    @Test
    void usersExecutorIsUsedAndNotShutDown() throws Exception {
        ExecutorService mine = Executors.newFixedThreadPool(2, r -> new Thread(r, "users-own-pool"));
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Function<Integer, Integer> task = n -> {
            threads.add(Thread.currentThread().getName());
            return n;
        };
        CamelContext context = TestContexts.started(Map.of("task", task, "mine", mine),
                TestContexts.route("direct:in", "parallel:own?task=#task&executorService=#mine&poolSize=2"));
        List<Integer> input = IntStream.range(0, 100).boxed().toList();
        assertEquals(input, TestContexts.send(context, "direct:in", input).getMessage().getBody());
        context.stop();
        assertEquals(Set.of("users-own-pool"), threads);
        assertFalse(mine.isShutdown(), "a pool the user gave us is never shut down");
        mine.shutdown();
    }

    @Test
    void threadPoolProfileIsHonoured() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Function<Integer, Integer> task = n -> {
            threads.add(Thread.currentThread().getName());
            return n;
        };
        CamelContext context = TestContexts.create(Map.of("task", task),
                TestContexts.route("direct:in", "parallel:profiled?task=#task&threadPoolProfile=tiny&poolSize=1"));
        ThreadPoolProfile tiny = new ThreadPoolProfile("tiny");
        tiny.setPoolSize(1);
        tiny.setMaxPoolSize(1);
        tiny.setMaxQueueSize(Integer.MAX_VALUE);
        context.getExecutorServiceManager().registerThreadPoolProfile(tiny);
        context.start();
        try {
            List<Integer> input = IntStream.range(0, 50).boxed().toList();
            assertEquals(input, TestContexts.send(context, "direct:in", input).getMessage().getBody());
            assertEquals(1, threads.size(), "the profile's single thread ran everything: " + threads);
            assertTrue(threads.iterator().next().contains("Parallel[profiled]"), threads.toString());
        } finally {
            context.stop();
        }
        SharedPoolTest.waitUntilNoThreadNamed("Parallel[profiled]");
    }
}
