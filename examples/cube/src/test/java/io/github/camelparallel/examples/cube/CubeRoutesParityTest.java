package io.github.camelparallel.examples.cube;

import io.github.camelparallel.testing.RoutesParity;
import org.junit.jupiter.api.Test;

/** routes/cube.camel.yaml and CubeRoutes are one route: an edit to one and not the other fails here. */
class CubeRoutesParityTest {

    @Test
    void yamlAndJavaRoutesHaveTheSameModel() throws Exception {
        RoutesParity.assertYamlMatchesJava("cube", new CubeRoutes());
    }
}
