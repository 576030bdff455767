package io.github.camelparallel;

import java.util.List;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A real YAML route (canonical form, options as parameters:) binds every option through the generated configurer. */
class YamlRouteTest {

    @Test
    void yamlParametersBindAndTheRouteRuns() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/cube.camel.yaml"));
            context.start();
            Exchange out = TestContexts.send(context, "direct:yaml", IntStream.rangeClosed(1, 50).boxed().toList());
            assertNull(out.getException());
            List<?> results = out.getMessage().getBody(List.class);
            assertEquals(50, results.size());
            assertEquals(125L, results.get(4));
            assertEquals("50 items, 0 failed", out.getMessage().getHeader("summary"));

            ParallelEndpoint endpoint = context.getEndpoints().stream().filter(ParallelEndpoint.class::isInstance)
                    .map(ParallelEndpoint.class::cast).findFirst().orElseThrow();
            assertEquals(2, endpoint.getConfiguration().getPoolSize());
            assertEquals(10, endpoint.getConfiguration().getChunkSize());
            assertEquals("collect", endpoint.getConfiguration().getOnError());
            assertEquals(5000, endpoint.getConfiguration().getTaskTimeout(), "5s parsed as a Camel duration");
        }
    }
}
