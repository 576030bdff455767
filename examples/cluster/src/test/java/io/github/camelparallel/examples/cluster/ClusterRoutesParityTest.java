package io.github.camelparallel.examples.cluster;

import io.github.camelparallel.testing.RoutesParity;
import org.junit.jupiter.api.Test;

/** routes/cluster.camel.yaml and ClusterRoutes are one route: an edit to one and not the other fails here. (ClusterScriptTest runs the YAML route for real.) */
class ClusterRoutesParityTest {

    @Test
    void yamlAndJavaRoutesHaveTheSameModel() throws Exception {
        RoutesParity.assertYamlMatchesJava("cluster", new ClusterRoutes());
    }
}
