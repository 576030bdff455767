package io.github.camelparallel.operations;

import java.util.List;

import io.github.camelparallel.TestContexts;
import io.github.camelparallel.process.Behaviour;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool's health check in Camel's producers repository, with camel-main's {@code camel.health.*} properties: UP when
 * serving, DOWN with the reason while a process pool's workers keep dying (three replaced within ten seconds), UP
 * again once they stop dying.
 */
class PoolHealthTest {

    private Main main;
    private CamelContext context;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    /** The pool's check as Camel's health registry holds it (through the enabled producers repository), called. */
    private HealthCheck.Result poolCheck() {
        HealthCheck check = HealthCheckRegistry.get(context).stream()
                .filter(c -> c.getId().equals("parallel-pool-health")).findFirst()
                .orElseThrow(() -> new AssertionError("no parallel-pool-health check among " + HealthCheckRegistry
                        .get(context).stream().map(HealthCheck::getId).toList()));
        return check.call();
    }

    @Test
    void downWhileWorkersKeepDyingAndUpAfterRecovery() throws Exception {
        main = new Main();
        main.addInitialProperty("camel.health.enabled", "true");
        main.addInitialProperty("camel.health.producers-enabled", "true"); // Camel turns producer checks off by default
        main.configure().addRoutesBuilder(TestContexts.route("direct:in",
                "parallel:health?backend=process&poolSize=2&chunkSize=1&onError=collect&task=#class:"
                        + Behaviour.class.getName()));
        main.start();
        context = main.getCamelContext();
        assertEquals(HealthCheck.State.UP, poolCheck().getState());
        // each poison item kills two workers before it fails alone: four replaced in a few seconds
        List<?> out = context.createProducerTemplate().requestBody("direct:in", List.of("a", "exit:3", "b", "exit:4"),
                List.class);
        assertEquals("a!", out.get(0));
        HealthCheck.Result down = poolCheck();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        // Camel's own report (default exposure shows what is down) names it too
        assertTrue(HealthCheckHelper.invokeReadiness(context).stream()
                .anyMatch(r -> r.getCheck().getId().equals("parallel-pool-health") && r.getState() == HealthCheck.State.DOWN));
        assertNotNull(down.getMessage().orElse(null));
        assertTrue(down.getMessage().get().contains("died or were killed"), down.getMessage().get());
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && poolCheck().getState() != HealthCheck.State.UP) {
            Thread.sleep(250);
        }
        assertEquals(HealthCheck.State.UP, poolCheck().getState(), "up again once the workers stopped dying");
        assertEquals(List.of("c!"), context.createProducerTemplate().requestBody("direct:in", List.of("c")));
    }
}
