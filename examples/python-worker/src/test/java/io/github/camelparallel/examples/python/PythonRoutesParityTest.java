package io.github.camelparallel.examples.python;

import io.github.camelparallel.testing.RoutesParity;
import org.junit.jupiter.api.Test;

/** routes/python.camel.yaml and PythonRoutes are one route: an edit to one and not the other fails here. */
class PythonRoutesParityTest {

    @Test
    void yamlAndJavaRoutesHaveTheSameModel() throws Exception {
        RoutesParity.assertYamlMatchesJava("python", new PythonRoutes());
    }
}
