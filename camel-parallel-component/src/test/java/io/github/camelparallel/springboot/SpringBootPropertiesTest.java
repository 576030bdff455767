package io.github.camelparallel.springboot;

import java.util.List;

import io.github.camelparallel.ParallelComponent;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code camel.component.parallel.*} in a real Spring Boot application (camel-spring-boot's auto-configuration and
 * the component's own, a real Camel context and route): the properties reach the pools, a value of the wrong type
 * fails start-up naming the property, and {@code #bean} references resolve Spring beans.
 */
class SpringBootPropertiesTest {

    @Test
    void poolSizeFromThePropertiesIsTheSizeThePoolRunsWith() {
        try (ConfigurableApplicationContext app = SpringBootApps.start("parallel:sb?task=#upper",
                "camel.component.parallel.pool-size=3", "camel.component.parallel.chunk-size=1",
                "camel.component.parallel.task-timeout=2s", "camel.component.parallel.timeout=1500")) {
            CamelContext camel = SpringBootApps.camel(app);
            List<?> out = camel.createProducerTemplate().requestBody("direct:in", List.of("a", "b", "c"), List.class);
            assertEquals(List.of("A", "B", "C"), out.stream().map(s -> s.toString().split("@")[0]).toList());
            ParallelComponent component = camel.getComponent("parallel", ParallelComponent.class);
            assertEquals(3, component.getPoolSpec("sb").poolSize(), "the pool's size");
            assertEquals(2000, component.getConfiguration().getTaskTimeout(), "a duration as in camel-main: 2s");
            assertEquals(1500, component.getConfiguration().getTimeout(), "a duration without unit: milliseconds");
        }
    }

    @Test
    void aPropertyOfTheWrongTypeFailsStartUpNamingIt() {
        assertStartFailsNaming("camel.component.parallel.pool-size", "three");
        assertStartFailsNaming("camel.component.parallel.streaming", "sometimes");
        assertStartFailsNaming("camel.component.parallel.task-timeout", "soon");
    }

    /** Start-up with that value fails, and some error of the chain names the property. */
    private static void assertStartFailsNaming(String property, String value) {
        Exception e = assertThrows(Exception.class, () -> SpringBootApps.start("parallel:sb?task=#upper",
                property + "=" + value).close());
        assertTrue(messages(e).contains("Failed to bind properties under '" + property + "'"), messages(e));
    }

    @Test
    void aBeanReferenceResolvesTheSpringBean() {
        try (ConfigurableApplicationContext app = SpringBootApps.start("parallel:sb?task=#upper",
                "camel.component.parallel.executor-service=#myPool")) {
            List<?> out = SpringBootApps.camel(app).createProducerTemplate().requestBody("direct:in", List.of("a", "b"),
                    List.class);
            assertEquals(2, out.size());
            out.forEach(s -> assertTrue(s.toString().contains("@my-pool-"), "ran on the bean's pool: " + s));
        }
        assertStartFailsNaming("camel.component.parallel.executor-service", "myPool"); // not a #bean reference
    }

    @Test
    void theTaskCanBeSetByPropertyAndTheAutoConfigurationCanBeTurnedOff() {
        try (ConfigurableApplicationContext app = SpringBootApps.start("parallel:sb",
                "camel.component.parallel.task=#upper")) {
            assertEquals("X", SpringBootApps.camel(app).createProducerTemplate()
                    .requestBody("direct:in", List.of("x"), List.class).get(0).toString().split("@")[0]);
        }
        try (ConfigurableApplicationContext app = SpringBootApps.start("parallel:sb?task=#upper",
                "camel.component.parallel.pool-size=3", "camel.component.parallel.enabled=false")) {
            CamelContext camel = SpringBootApps.camel(app);
            camel.createProducerTemplate().requestBody("direct:in", List.of("a"), List.class);
            assertTrue(camel.getComponent("parallel", ParallelComponent.class).getPoolSpec("sb").poolSize() != 3,
                    "enabled=false leaves the component's own default");
        }
    }

    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
