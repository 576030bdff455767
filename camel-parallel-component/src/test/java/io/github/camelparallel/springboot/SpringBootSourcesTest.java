package io.github.camelparallel.springboot;

import java.beans.PropertyDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every component option (the catalog's componentProperties) is a Spring Boot property
 * {@code camel.component.parallel.<kebab-name>}: a typed property of {@link ParallelComponentConfiguration} and an
 * entry of {@code spring-configuration-metadata.json} with the catalog's description and default, and an option set by
 * bean reference has the converter. An option added to the component without its Spring property fails here;
 * {@code -Dparallel.springboot.update=true} rewrites both files from the catalog.
 */
class SpringBootSourcesTest {

    private static final boolean UPDATE = Boolean.getBoolean("parallel.springboot.update");

    @Test
    void theConfigurationClassAndTheMetadataAreWhatTheCatalogGives() throws Exception {
        JsonNode options = SpringBootSources.options();
        check(SpringBootSources.CONFIGURATION, SpringBootSources.configurationSource(options));
        check(SpringBootSources.METADATA, SpringBootSources.metadata(options));
    }

    private static void check(Path file, String expected) throws Exception {
        String actual = Files.readString(file, StandardCharsets.UTF_8);
        if (UPDATE && !expected.equals(actual)) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            actual = expected;
        }
        assertEquals(expected, actual, file.toAbsolutePath() + " differs from the component's catalog: rewrite it with"
                + " ./mvnw -B -pl camel-parallel-component test -Dtest=SpringBootSourcesTest"
                + " -Dparallel.springboot.update=true");
    }

    @Test
    void everyOptionIsATypedSpringPropertyWithTheCatalogsDescriptionAndDefault() throws Exception {
        JsonNode options = SpringBootSources.options();
        Map<String, JsonNode> metadata = new HashMap<>();
        try (var in = ParallelComponentConfiguration.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "no META-INF/spring-configuration-metadata.json on the classpath");
            new ObjectMapper().readTree(in).get("properties").forEach(p -> metadata.put(p.get("name").asText(), p));
        }
        Set<String> types = new HashSet<>();
        new ParallelComponentConverter(null).getConvertibleTypes().forEach(p -> types.add(p.getTargetType().getName()));
        List<String> problems = new ArrayList<>();
        Set<String> expectedNames = new HashSet<>(Set.of("camel.component.parallel.enabled",
                "camel.component.parallel.customizer.enabled"));
        options.fields().forEachRemaining(entry -> {
            String option = entry.getKey();
            JsonNode catalog = entry.getValue();
            String property = "camel.component.parallel." + SpringBootSources.kebab(option);
            expectedNames.add(property);
            PropertyDescriptor bean = BeanUtils.getPropertyDescriptor(ParallelComponentConfiguration.class, option);
            if (bean == null || bean.getWriteMethod() == null || bean.getReadMethod() == null) {
                problems.add(option + ": no getter and setter in ParallelComponentConfiguration");
            } else if (!SpringBootSources.javaType(catalog).startsWith(bean.getPropertyType().getName())) {
                problems.add(option + ": " + bean.getPropertyType().getName() + " for " + catalog.get("javaType").asText());
            } else if (ParallelComponentConverter.isBeanType(bean.getPropertyType())
                    && !types.contains(bean.getPropertyType().getName())) {
                problems.add(option + ": no #bean converter to " + bean.getPropertyType().getName());
            }
            JsonNode entryOf = metadata.get(property);
            if (entryOf == null) {
                problems.add(property + ": not in the metadata");
                return;
            }
            if (!catalog.get("description").asText().equals(entryOf.path("description").asText())) {
                problems.add(property + ": description differs from the catalog's");
            }
            String catalogDefault = catalog.hasNonNull("defaultValue") ? catalog.get("defaultValue").asText() : null;
            String springDefault = entryOf.hasNonNull("defaultValue") ? entryOf.get("defaultValue").asText() : null;
            if (!java.util.Objects.equals(catalogDefault, springDefault)) {
                problems.add(property + ": default " + springDefault + ", the catalog's " + catalogDefault);
            }
        });
        assertEquals(List.of(), problems);
        assertEquals(expectedNames, metadata.keySet(), "the metadata has exactly the component options");
        assertTrue(options.size() > 30, "the catalog's component options: " + options.size());
    }
}
