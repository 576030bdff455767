package io.github.camelparallel.examples.images;

import io.github.camelparallel.testing.RoutesParity;
import org.junit.jupiter.api.Test;

/** routes/images.camel.yaml and ImageRoutes are one route: an edit to one and not the other fails here. */
class ImageRoutesParityTest {

    @Test
    void yamlAndJavaRoutesHaveTheSameModel() throws Exception {
        RoutesParity.assertYamlMatchesJava("images", new ImageRoutes());
    }
}
