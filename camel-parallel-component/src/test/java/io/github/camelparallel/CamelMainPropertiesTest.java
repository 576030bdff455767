package io.github.camelparallel;

import java.util.List;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Component-level options bind from camel-main properties ({@code camel.component.parallel.*}) and are the defaults
 * of every endpoint; an endpoint's own URI option wins.
 */
class CamelMainPropertiesTest {

    @Test
    void componentOptionsFromPropertiesAndEndpointOverrides() throws Exception {
        Main main = new Main();
        main.bind("inc", (Function<Integer, Integer>) n -> n + 1);
        main.addInitialProperty("camel.component.parallel.pool-size", "3");
        main.addInitialProperty("camel.component.parallel.chunk-size", "7");
        main.addInitialProperty("camel.component.parallel.on-error", "skip");
        main.addInitialProperty("camel.component.parallel.task-timeout", "2s");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:defaults").to("parallel:fromprops?task=#inc");
                from("direct:override").to("parallel:overridden?task=#inc&poolSize=1&chunkSize=2");
            }
        });
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            assertEquals(List.of(2, 3), context.createProducerTemplate().requestBody("direct:defaults", List.of(1, 2)));
            assertEquals(List.of(2, 3), context.createProducerTemplate().requestBody("direct:override", List.of(1, 2)));
            ParallelComponent component = context.getComponent("parallel", ParallelComponent.class);
            assertEquals(3, component.getPoolSpec("fromprops").poolSize());
            assertEquals(1, component.getPoolSpec("overridden").poolSize());
            ParallelConfiguration defaults = context.getEndpoint("parallel:fromprops?task=#inc", ParallelEndpoint.class)
                    .getConfiguration();
            assertEquals(7, defaults.getChunkSize());
            assertEquals("skip", defaults.getOnError());
            assertEquals(2000, defaults.getTaskTimeout());
            assertEquals(2, context.getEndpoint("parallel:overridden?task=#inc&poolSize=1&chunkSize=2",
                    ParallelEndpoint.class).getConfiguration().getChunkSize());
        } finally {
            main.stop();
        }
    }
}
