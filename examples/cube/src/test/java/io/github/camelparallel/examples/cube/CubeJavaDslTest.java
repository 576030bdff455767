package io.github.camelparallel.examples.cube;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** example.dsl=java runs CubeRoutes instead of the YAML route, with the same outcome. */
class CubeJavaDslTest {

    @Test
    void javaRouteSumsTheCubesAndReportsTheSpeedUp() throws Exception {
        Map<String, String> properties = new HashMap<>(CubeExampleRun.SMALL);
        properties.put("example.dsl", "java");

        CubeExampleRun run = CubeExampleRun.run(properties);

        CubeExampleAssertions.assertSmallRun(run, "java-cube");
    }
}
