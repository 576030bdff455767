package io.github.camelparallel.examples.cube;

import org.junit.jupiter.api.Test;

/** The YAML route runs by default: no example.dsl is set here, application.properties says yaml. */
class CubeYamlDslTest {

    @Test
    void yamlRouteSumsTheCubesAndReportsTheSpeedUp() throws Exception {
        CubeExampleRun run = CubeExampleRun.run(CubeExampleRun.SMALL);

        CubeExampleAssertions.assertSmallRun(run, "yaml-cube");
    }
}
