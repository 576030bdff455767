package io.github.camelparallel.examples.cube;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An unknown example.dsl fails at start with the property named, instead of filtering out both routes and waiting. */
class CubeUnknownDslTest {

    @Test
    void unknownDslFailsAtStart() {
        Map<String, String> properties = new HashMap<>(CubeExampleRun.SMALL);
        properties.put("example.dsl", "xml");

        Exception failure = assertThrows(Exception.class, () -> CubeExampleRun.run(properties));

        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertTrue(String.valueOf(cause.getMessage()).contains("example.dsl must be yaml or java, but was 'xml'"),
                () -> "unexpected failure: " + failure);
    }
}
