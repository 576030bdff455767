package io.github.camelparallel.examples.springboot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The example as it runs in production: its repackaged fat jar started with {@code java -jar} as a child process. The
 * thread pool returns the squares in order with the pool size of {@code application.yml}, and the actuator health
 * lists the pool; the process pool's worker JVMs start from inside the fat jar and return the checksums.
 */
class FatJarIT {

    private static final Duration START = Duration.ofSeconds(180);

    @Test
    void theThreadPoolUsesThePoolSizeOfApplicationYmlAndIsInTheHealth() throws Exception {
        try (RunningJar app = new RunningJar("--camel.main.routes-include-pattern=classpath:camel/squares.yaml")) {
            assertEquals("1,4,9,16,25,36,49,64,81,100", app.await("squares: (\\S+)", START).group(1));
            JsonNode camel = camelHealth(app);
            assertEquals("UP", camel.path("parallel-pool-squares").asText(), camel.toString());
            JsonNode data = camel.path("parallel-pool-squares.data");
            assertEquals("3", data.path("workers").asText(), "pool-size: 3 of application.yml, in " + data);
            assertEquals("0", data.path("restarts").asText(), data.toString());
        }
    }

    @Test
    void processWorkersStartFromTheFatJar() throws Exception {
        try (RunningJar app = new RunningJar()) {
            List<String> expected = new ArrayList<>();
            for (int n = 1; n <= 4; n++) {
                expected.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Integer.toString(n).getBytes(StandardCharsets.UTF_8))));
            }
            assertEquals(String.join(",", expected), app.await("checksums: (\\S+)", START).group(1));
            assertEquals("1,4,9,16,25,36,49,64,81,100", app.await("squares: (\\S+)", START).group(1));
            JsonNode camel = camelHealth(app);
            assertEquals("UP", camel.path("parallel-pool-checksums").asText(), camel.toString());
            assertEquals("2", camel.path("parallel-pool-checksums.data").path("workers").asText(), camel.toString());
        }
    }

    /** The details of camel-spring-boot's camelHealth in /actuator/health. */
    private static JsonNode camelHealth(RunningJar app) throws Exception {
        JsonNode health = new ObjectMapper().readTree(app.get("/actuator/health"));
        return health.path("components").path("camelHealth").path("details");
    }
}
