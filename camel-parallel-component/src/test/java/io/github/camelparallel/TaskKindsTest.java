package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.camelparallel.tasks.Doubler;
import io.github.camelparallel.tasks.Greeter;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Function, Processor and bean tasks, named with every reference syntax Camel offers. */
class TaskKindsTest {

    private static List<?> run(Map<String, Object> beans, String uri, Object body) throws Exception {
        CamelContext context = TestContexts.started(beans, TestContexts.route("direct:in", uri));
        try {
            Exchange out = context.createProducerTemplate().send("direct:in", e -> {
                e.getIn().setBody(body);
                e.getIn().setHeader("unit", "cm");
            });
            if (out.getException() != null) {
                throw out.getException();
            }
            return out.getMessage().getBody(List.class);
        } finally {
            context.stop();
        }
    }

    @Test
    void functionByName() throws Exception {
        Function<Integer, Integer> inc = n -> n + 1;
        assertEquals(List.of(2, 3), run(Map.of("inc", inc), "parallel:f?task=#inc", List.of(1, 2)));
        assertEquals(List.of(2, 3), run(Map.of("inc", inc), "parallel:f?task=#bean:inc", List.of(1, 2)));
    }

    @Test
    void functionByClassAndByType() throws Exception {
        assertEquals(List.of(8L, 27L),
                run(Map.of(), "parallel:f?task=#class:io.github.camelparallel.tasks.Cube", List.of(2, 3)));
        assertEquals(List.of(8L, 27L), run(Map.of("theCube", new io.github.camelparallel.tasks.Cube()),
                "parallel:f?task=#type:io.github.camelparallel.tasks.Cube", List.of(2, 3)));
    }

    @Test
    void processorGetsOneExchangePerItemWithHeadersIndexAndAttempt() throws Exception {
        Processor processor = e -> e.getMessage().setBody(e.getIn().getBody(Integer.class) + e.getIn().getHeader("unit", String.class)
                + "@" + e.getIn().getHeader(ParallelConstants.INDEX) + "/" + e.getIn().getHeader(ParallelConstants.ATTEMPT));
        assertEquals(List.of("5cm@0/1", "6cm@1/1", "7cm@2/1"),
                run(Map.of("p", processor), "parallel:p?task=#p&poolSize=2", List.of(5, 6, 7)));
    }

    @Test
    void processorExceptionFailsTheItem() throws Exception {
        Processor processor = e -> {
            throw new IllegalStateException("no " + e.getIn().getBody());
        };
        ParallelTaskException error = assertThrows(ParallelTaskException.class,
                () -> run(Map.of("p", processor), "parallel:p?task=#p", List.of(1)));
        assertEquals("no 1", error.getCause().getMessage());
    }

    @Test
    void beanWithMethodAndTypeConversion() throws Exception {
        assertEquals(List.of("hello ann", "hello bob"),
                run(Map.of("g", new Greeter()), "parallel:b?task=#g&method=greet", List.of("ann", "bob")));
        assertEquals(List.of(3, 4), run(Map.of("g", new Greeter()), "parallel:b?task=#g&method=length",
                List.of("ann", "bobo")));
    }

    @Test
    void beanWithOneCandidateNeedsNoMethodAndConvertsTheItem() throws Exception {
        assertEquals(List.of(4L, 6L), run(Map.of(), "parallel:b?task=#class:" + Doubler.class.getName(),
                List.of("2", 3)));
    }

    @Test
    void ambiguousOrMissingMethodFailsAtStartListingCandidates() {
        Exception ambiguous = assertThrows(Exception.class,
                () -> run(Map.of("g", new Greeter()), "parallel:b?task=#g", List.of("x")));
        String message = PoolSizeTest.rootCause(ambiguous).getMessage();
        assertTrue(message.contains("more than one") && message.contains("greet") && message.contains("method="), message);
        Exception missing = assertThrows(Exception.class,
                () -> run(Map.of("g", new Greeter()), "parallel:b?task=#g&method=nope", List.of("x")));
        assertTrue(PoolSizeTest.rootCause(missing).getMessage().contains("'nope'"));
    }

    @Test
    void taskSetAsTextInCodeResolvesLikeAUriReference() throws Exception {
        for (String reference : List.of("#class:io.github.camelparallel.tasks.Cube", "#type:io.github.camelparallel.tasks.Cube",
                "#bean:c", "#c", "c")) {
            CamelContext context = TestContexts.started(Map.of("c", new io.github.camelparallel.tasks.Cube()));
            try {
                ParallelEndpoint endpoint = context.getEndpoint("parallel:text", ParallelEndpoint.class);
                endpoint.getConfiguration().setTask(reference);
                org.apache.camel.Producer producer = endpoint.createProducer();
                producer.start();
                Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
                exchange.getIn().setBody(List.of(2));
                producer.process(exchange);
                assertEquals(List.of(8L), exchange.getMessage().getBody(), reference);
                producer.stop();
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void unknownBeanFailsAtStart() {
        Exception error = assertThrows(Exception.class, () -> run(Map.of(), "parallel:b?task=#missing", List.of(1)));
        assertTrue(PoolSizeTest.rootCause(error).toString().contains("missing"), PoolSizeTest.rootCause(error).toString());
    }
}
