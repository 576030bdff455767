package io.github.camelparallel.examples.filepipeline;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YAML route runs by default (no example.dsl is set here, application.properties says yaml): the inbox is
 * generated, every file is streamed to its output in order, and a second run over the same inbox rewrites the outputs
 * instead of appending to them.
 */
class FilePipelineYamlDslTest {

    private static final String ROUTE = "yaml-file-pipeline";

    @TempDir
    Path dir;

    @Test
    void yamlRouteStreamsEveryFileToItsOutputInOrder() throws Exception {
        FilePipelineAssertions.assertSmallRun(FilePipelineRun.run(FilePipelineRun.small(dir)), ROUTE, dir);

        // the inbox is kept (noop) and read again; the old outputs are replaced, not appended to
        FilePipelineAssertions.assertSmallRun(FilePipelineRun.run(FilePipelineRun.small(dir)), ROUTE, dir);
    }
}
