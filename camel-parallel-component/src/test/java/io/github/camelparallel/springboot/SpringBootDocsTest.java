package io.github.camelparallel.springboot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.ParallelConfiguration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code application.yml} block of the Spring Boot section of {@code docs/running.md} is a real one: a Spring Boot
 * application started with it as its configuration file has those options on the component and its pool.
 */
class SpringBootDocsTest {

    @Test
    void theApplicationYmlOfTheGuideConfiguresTheComponent(@TempDir Path dir) throws Exception {
        Path docs = Path.of(System.getProperty("docs.dir", "../docs"));
        String guide = Files.readString(docs.resolve("running.md"), StandardCharsets.UTF_8);
        int section = guide.indexOf("## Spring Boot\n");
        assertTrue(section >= 0, "no Spring Boot section in running.md");
        int start = guide.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = guide.substring(start, guide.indexOf("```", start));
        assertTrue(yaml.startsWith("camel:\n  component:"), yaml);
        Path file = dir.resolve("application.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        try (ConfigurableApplicationContext app = SpringBootApps.start("parallel:docs?task=#upper",
                "spring.config.additional-location=file:" + file, "management.endpoint.health.show-details=always")) {
            CamelContext camel = SpringBootApps.camel(app);
            assertEquals(1, camel.createProducerTemplate().requestBody("direct:in", List.of("a"), List.class).size());
            ParallelComponent component = camel.getComponent("parallel", ParallelComponent.class);
            ParallelConfiguration configuration = component.getConfiguration();
            assertEquals(4, component.getPoolSpec("docs").poolSize());
            assertEquals(5000, configuration.getTaskTimeout());
        }
    }
}
