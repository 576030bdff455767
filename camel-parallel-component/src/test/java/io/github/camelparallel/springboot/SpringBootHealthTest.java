package io.github.camelparallel.springboot;

import java.util.List;
import java.util.Map;

import io.github.camelparallel.process.Behaviour;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool's health check in the actuator's health endpoint of a real Spring Boot application, under camel-spring-boot's
 * {@code camelHealth} like Camel's own checks: its id with its state, and as data the invocation count and the pool's
 * workers, restarts and busy; a process pool whose workers cannot start is DOWN, and so is the application. Camel's
 * producer checks are on with {@code camel.health.producers-enabled}; the full exposure level lists checks that are UP
 * too (the default level shows only those that are DOWN).
 */
class SpringBootHealthTest {

    @Test
    void thePoolIsInTheActuatorHealthAndABrokenProcessPoolIsDown() {
        try (ConfigurableApplicationContext app = SpringBootApps.start(
                "parallel:health?backend=process&poolSize=2&chunkSize=1&onError=collect&task=#class:"
                        + Behaviour.class.getName(),
                "test.route2=parallel:broken?backend=process&poolSize=1&lazyStart=true"
                        + "&workerJvmOptions=-XX:+NoSuchOptionAnywhere&task=#class:" + Behaviour.class.getName(),
                "camel.health.producers-enabled=true", "camel.health.exposure-level=full",
                "management.endpoint.health.show-details=always")) {
            HealthEndpoint endpoint = app.getBean(HealthEndpoint.class);
            Map<String, Object> camel = camelHealth(endpoint);
            assertEquals("UP", camel.get("parallel-pool-health"), "the pool's check in " + camel);
            Map<?, ?> data = (Map<?, ?>) camel.get("parallel-pool-health.data");
            assertEquals("parallel-pool-health", data.get("check.id"), "data: " + data);
            assertTrue(Long.parseLong(data.get("invocation.count").toString()) >= 1, "data: " + data);
            assertEquals("2", data.get("workers"), "data: " + data);
            assertEquals("0", data.get("restarts"), "data: " + data);
            assertEquals("0", data.get("busy"), "data: " + data);
            long before = Long.parseLong(data.get("invocation.count").toString());
            assertTrue(Long.parseLong(((Map<?, ?>) camelHealth(endpoint).get("parallel-pool-health.data"))
                    .get("invocation.count").toString()) > before, "each look at the health calls the check");

            // a pool whose worker JVMs cannot start (an option the JVM refuses) is broken: its batch fails, and it is DOWN
            ProducerTemplate producer = SpringBootApps.camel(app).createProducerTemplate();
            assertThrows(CamelExecutionException.class, () -> producer.requestBody("direct:in2", List.of("a"), List.class));
            Map<String, Object> down = camelHealth(endpoint);
            assertEquals("DOWN", down.get("parallel-pool-broken"), "the broken pool's check in " + down);
            assertEquals("UP", down.get("parallel-pool-health"), "the other pool in " + down);
            assertEquals(Status.DOWN, endpoint.health().getStatus(), "the application's health");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> camelHealth(HealthEndpoint endpoint) {
        HealthDescriptor camel = endpoint.healthForPath("camelHealth");
        return (Map<String, Object>) (Map<?, ?>) assertInstanceOf(IndicatedHealthDescriptor.class, camel).getDetails();
    }
}
