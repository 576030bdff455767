package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.camelparallel.cache.ResultCache;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Processor task gets a correlated copy of the batch exchange per item (Camel's ExchangeHelper): the batch's
 * headers and properties, its exchange id as the correlation id, the item as body; and reference text set in code
 * ({@code #type:}, {@code #bean:}) resolves the way Camel resolves it from a URI, for the task and for the cache.
 */
class ProcessorTaskExchangeTest {

    /** In memory, for the cache=#type: case. */
    public static final class MemoryCache implements ResultCache {
        final ConcurrentMap<String, byte[]> entries = new ConcurrentHashMap<>();

        @Override
        public byte[] get(String key) {
            return entries.get(key);
        }

        @Override
        public void put(String key, byte[] entry) {
            entries.put(key, entry);
        }
    }

    @Test
    void aProcessorTaskGetsACorrelatedCopyOfTheBatchExchange() throws Exception {
        Processor task = item -> item.getMessage().setBody(java.util.Arrays.asList(item.getMessage().getBody(),
                item.getMessage().getHeader("lang"), item.getProperty("tenant"),
                item.getProperty(Exchange.CORRELATION_ID), item.getExchangeId(),
                item.getMessage().getHeader(ParallelConstants.INDEX)));
        CamelContext context = TestContexts.started(Map.of("task", task), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").setHeader("lang", constant("fr")).setProperty("tenant", constant("acme"))
                        .to("parallel:proc?task=#task&poolSize=2");
            }
        });
        try {
            Exchange out = TestContexts.send(context, "direct:in", List.of("a", "b"));
            assertNull(out.getException());
            List<?> results = out.getMessage().getBody(List.class);
            for (int i = 0; i < 2; i++) {
                List<?> seen = (List<?>) results.get(i);
                assertEquals(List.of("a", "b").get(i), seen.get(0));
                assertEquals("fr", seen.get(1), "the batch's headers");
                assertEquals("acme", seen.get(2), "the batch's properties");
                assertEquals(out.getExchangeId(), seen.get(3), "correlated with the batch exchange");
                assertNotEquals(out.getExchangeId(), seen.get(4), "an exchange of its own");
                assertEquals(i, seen.get(5));
            }
            assertEquals("fr", out.getMessage().getHeader("lang"));
        } finally {
            context.stop();
        }
    }

    @Test
    void referenceTextSetInCodeResolvesAsFromAUri() throws Exception {
        MemoryCache store = new MemoryCache();
        CamelContext context = TestContexts.create(Map.of("store", store, "twice",
                (java.util.function.Function<Integer, Integer>) x -> 2 * x));
        ParallelComponent component = context.getComponent("parallel", ParallelComponent.class);
        component.getConfiguration().setTask("#bean:twice");
        component.getConfiguration().setCache("#type:" + ResultCache.class.getName());
        component.getConfiguration().setTaskVersion("1");
        context.addRoutes(TestContexts.route("direct:in", "parallel:refs"));
        context.start();
        try {
            Exchange first = TestContexts.send(context, "direct:in", List.of(1, 2, 3));
            assertNull(first.getException());
            assertEquals(List.of(2, 4, 6), first.getMessage().getBody());
            assertTrue(store.entries.size() >= 3, "the cache found by #type: holds the results: " + store.entries.keySet());
            Exchange second = TestContexts.send(context, "direct:in", List.of(1, 2, 3));
            assertEquals(3, second.getMessage().getHeader(ParallelConstants.CACHE_HITS, Integer.class));
        } finally {
            context.stop();
        }
    }
}
