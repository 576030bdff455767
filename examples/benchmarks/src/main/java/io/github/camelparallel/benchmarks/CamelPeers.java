package io.github.camelparallel.benchmarks;

import java.util.List;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;

/**
 * A started {@link DefaultCamelContext} with one route {@code direct:run} and a {@link ProducerTemplate} to call it:
 * everything the Camel variants do goes through a real context, exactly as a user's route would.
 * <p>
 * Three kinds: {@link #parallel} and {@link #endpoint} ({@code to("parallel:NAME?...")}, ours), {@link #split}
 * (Camel's {@code split(body()).parallelProcessing()} with its default thread pool, aggregating the item bodies into a
 * {@code List} in input order with {@link GroupedBodyAggregationStrategy}) and {@link #splitStreaming} (the same with
 * {@code .streaming()}: the list comes back in completion order, as Camel documents). Thread-safe; {@link #close()}
 * stops the context.
 */
public final class CamelPeers implements AutoCloseable {

    private static final String ENTRY = "direct:run";

    private final CamelContext context;
    private final ProducerTemplate template;

    private CamelPeers(CamelContext context) {
        this.context = context;
        this.template = context.createProducerTemplate();
    }

    /**
     * Ours: {@code from("direct:run").to("parallel:NAME?task=#task&poolSize=P&chunkSize=C")}.
     */
    public static CamelPeers parallel(String name, Function<Integer, Long> task, int poolSize, int chunkSize)
            throws Exception {
        return endpoint("parallel:" + name + "?task=#task&poolSize=" + poolSize + "&chunkSize=" + chunkSize, task);
    }

    /**
     * Ours with any endpoint URI: {@code from("direct:run").to(uri)}; {@code task} is bound as {@code #task} (a URI
     * of {@code backend=process} or {@code hazelcast} names its task class with {@code #class:} instead).
     */
    public static CamelPeers endpoint(String uri, Function<Integer, Long> task) throws Exception {
        return start(task, new RouteBuilder() {
            @Override
            public void configure() {
                from(ENTRY).to(uri);
            }
        });
    }

    /**
     * Camel's own way: {@code split(body(), new GroupedBodyAggregationStrategy()).parallelProcessing()} with the step
     * as a plain processor (the cheapest step Camel has), results aggregated in input order (not streaming).
     */
    public static CamelPeers split(Function<Integer, Long> task) throws Exception {
        return start(task, new RouteBuilder() {
            @Override
            public void configure() {
                from(ENTRY)
                        .split(body(), new GroupedBodyAggregationStrategy()).parallelProcessing()
                            .process(exchange -> exchange.getMessage().setBody(
                                    task.apply(exchange.getMessage().getBody(Integer.class))))
                        .end();
            }
        });
    }

    /**
     * Camel's streaming variant: {@code split(body(), new GroupedBodyAggregationStrategy()).streaming()
     * .parallelProcessing()}; the items are read one by one from the body's iterator and the list is aggregated in
     * completion order.
     */
    public static CamelPeers splitStreaming(Function<Integer, Long> task) throws Exception {
        return start(task, new RouteBuilder() {
            @Override
            public void configure() {
                from(ENTRY)
                        .split(body(), new GroupedBodyAggregationStrategy()).streaming().parallelProcessing()
                            .process(exchange -> exchange.getMessage().setBody(
                                    task.apply(exchange.getMessage().getBody(Integer.class))))
                        .end();
            }
        });
    }

    private static CamelPeers start(Function<Integer, Long> task, RouteBuilder routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("task", task);
        context.addRoutes(routes);
        context.start();
        return new CamelPeers(context);
    }

    /** Sends the batch and returns the body that comes back: the list of results. */
    public List<?> run(List<Integer> items) {
        return template.requestBody(ENTRY, items, List.class);
    }

    @Override
    public void close() throws Exception {
        template.close();
        context.close();
    }
}
