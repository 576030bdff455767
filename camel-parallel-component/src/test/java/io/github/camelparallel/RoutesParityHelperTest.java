package io.github.camelparallel;

import io.github.camelparallel.testing.RoutesParity;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples' parity helper (shipped in this module's test-jar) passes for a Java route equal to
 * {@code routes/cube.camel.yaml}, and fails, naming the YAML file, when one option differs or a route id is missing.
 */
class RoutesParityHelperTest {

    @Test
    void theSameRoutePasses() throws Exception {
        RoutesParity.assertYamlMatchesJava("cube", cube("java-cube", 10));
    }

    @Test
    void oneDifferentOptionFailsNamingTheFile() {
        AssertionFailedError error = assertThrows(AssertionFailedError.class,
                () -> RoutesParity.assertYamlMatchesJava("cube", cube("java-cube", 11)));
        assertTrue(error.getMessage().contains("routes/cube.camel.yaml"), error.getMessage());
        assertTrue(error.getMessage().contains("chunkSize=11"), error.getMessage());
    }

    @Test
    void aMissingJavaRouteFailsNamingTheId() {
        AssertionFailedError error = assertThrows(AssertionFailedError.class,
                () -> RoutesParity.assertYamlMatchesJava("cube", cube("other-id", 10)));
        assertTrue(error.getMessage().contains("java-cube"), error.getMessage());
    }

    private static RouteBuilder cube(String routeId, int chunkSize) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:yaml").routeId(routeId)
                        .to("parallel:yamlcube?chunkSize=" + chunkSize
                            + "&onError=collect&poolSize=2&task=#class:io.github.camelparallel.tasks.Cube&taskTimeout=5s")
                        .setHeader("summary",
                                simple("${header.CamelParallelSize} items, ${header.CamelParallelFailedCount} failed"));
            }
        };
    }
}
