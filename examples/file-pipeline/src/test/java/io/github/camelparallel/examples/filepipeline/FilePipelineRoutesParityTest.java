package io.github.camelparallel.examples.filepipeline;

import io.github.camelparallel.testing.RoutesParity;
import org.junit.jupiter.api.Test;

/** routes/file-pipeline.camel.yaml and FilePipelineRoutes are one route: an edit to one and not the other fails here. */
class FilePipelineRoutesParityTest {

    @Test
    void yamlAndJavaRoutesHaveTheSameModel() throws Exception {
        RoutesParity.assertYamlMatchesJava("file-pipeline", new FilePipelineRoutes());
    }
}
