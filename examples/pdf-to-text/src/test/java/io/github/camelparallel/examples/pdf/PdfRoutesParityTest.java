package io.github.camelparallel.examples.pdf;

import io.github.camelparallel.testing.RoutesParity;
import org.junit.jupiter.api.Test;

/** routes/pdf.camel.yaml and PdfRoutes are one route: an edit to one and not the other fails here. */
class PdfRoutesParityTest {

    @Test
    void yamlAndJavaRoutesHaveTheSameModel() throws Exception {
        RoutesParity.assertYamlMatchesJava("pdf", new PdfRoutes());
    }
}
