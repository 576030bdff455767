package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No task option: each item goes through the route from("parallel:NAME") on the pool's threads. */
class RouteAsTaskTest {

    @Test
    void theRouteIsTheTaskAndItsFinalBodyTheResult() throws Exception {
        CamelContext context = TestContexts.started(Map.of(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:score?poolSize=2&onError=collect");
                from("parallel:score")
                        .process(e -> {
                            int n = e.getIn().getBody(Integer.class);
                            if (n == 7) {
                                throw new IllegalStateException("seven");
                            }
                            e.getIn().setBody(e.getIn().getHeader("tenant") + ":" + n * 10 + "@"
                                    + e.getIn().getHeader(ParallelConstants.INDEX) + "#"
                                    + e.getIn().getHeader(ParallelConstants.ATTEMPT) + " on "
                                    + Thread.currentThread().getName());
                        });
            }
        });
        try {
            Exchange out = context.createProducerTemplate().send("direct:in", e -> {
                e.getIn().setBody(IntStream.range(0, 10).boxed().toList());
                e.getIn().setHeader("tenant", "acme");
            });
            List<?> results = out.getMessage().getBody(List.class);
            for (int i = 0; i < 10; i++) {
                if (i == 7) {
                    assertEquals(null, results.get(i));
                } else {
                    String r = (String) results.get(i);
                    assertTrue(r.startsWith("acme:" + i * 10 + "@" + i + "#1 on "), r);
                    assertTrue(r.contains("Parallel[score]"), "ran on the pool: " + r);
                }
            }
            Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
            assertEquals("seven", ((Throwable) errors.get(7)).getMessage());
        } finally {
            context.stop();
        }
    }

    @Test
    void bothATaskAndARouteForOneNameFailAtStart() throws Exception {
        CamelContext context = TestContexts.create(Map.of("task", (Function<Object, Object>) x -> x), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:twice?task=#task");
                from("parallel:twice").log("never");
            }
        });
        Exception error = assertThrows(Exception.class, context::start);
        String message = PoolSizeTest.rootCause(error).getMessage();
        assertTrue(message.contains("both a task= option and a route"), message);
        context.stop();
    }

    @Test
    void noTaskAndNoRouteFailsTheItemsClearly() throws Exception {
        CamelContext context = TestContexts.started(Map.of(),
                TestContexts.route("direct:in", "parallel:nobody?poolSize=1"));
        try {
            Exchange out = TestContexts.send(context, "direct:in", List.of(1));
            ParallelTaskException error = assertInstanceOf(ParallelTaskException.class, out.getException());
            assertTrue(error.getCause().getMessage().contains("no task= option and no running route"),
                    error.getCause().getMessage());
        } finally {
            context.stop();
        }
    }
}
