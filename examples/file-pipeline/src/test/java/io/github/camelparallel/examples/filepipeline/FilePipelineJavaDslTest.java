package io.github.camelparallel.examples.filepipeline;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** example.dsl=java runs FilePipelineRoutes instead of the YAML route, with the same outcome. */
class FilePipelineJavaDslTest {

    @TempDir
    Path dir;

    @Test
    void javaRouteStreamsEveryFileToItsOutputInOrder() throws Exception {
        Map<String, String> properties = FilePipelineRun.small(dir);
        properties.put("example.dsl", "java");

        FilePipelineAssertions.assertSmallRun(FilePipelineRun.run(properties), "java-file-pipeline", dir);
    }
}
