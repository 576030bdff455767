package io.github.camelparallel.docs;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelparallel.ParallelConfiguration;
import io.github.camelparallel.ParallelConstants;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog ({@code parallel.json}) says what the source says: Camel's generator keeps only letters, digits,
 * whitespace and {@code .,-='/\!&%():;#${}} of a description and drops every other character (a {@code ~} in
 * "~/.cache" became "/.cache"), so every {@code @UriParam} and header description must survive it unchanged. Each
 * description is also one sentence a user can read in a table: it ends with a period and holds no other sentence end.
 */
class CatalogDescriptionsTest {

    @Test
    void everyOptionAndHeaderDescriptionReachesTheCatalogUnchanged() throws Exception {
        JsonNode json = ComponentPageTables.metadata();
        List<String> problems = new ArrayList<>();
        for (Field field : ParallelConfiguration.class.getDeclaredFields()) {
            UriParam param = field.getAnnotation(UriParam.class);
            if (param != null) {
                String catalogForm = param.multiValue() && !param.prefix().isEmpty()
                        ? param.description() + " This is a multi-value option with prefix: " + param.prefix()
                        : param.description();
                check(problems, field.getName(), param.description(), catalogForm,
                        json.get("properties").get(field.getName()));
            }
        }
        for (Field field : ParallelConstants.class.getDeclaredFields()) {
            Metadata metadata = field.getAnnotation(Metadata.class);
            if (metadata != null) {
                check(problems, (String) field.get(null), metadata.description(), metadata.description(),
                        json.get("headers").get((String) field.get(null)));
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    /** {@code catalogForm}: the source description as the generator should write it (it adds a note to some). */
    private static void check(List<String> problems, String name, String source, String catalogForm,
            JsonNode option) {
        if (option == null) {
            problems.add(name + ": not in the catalog");
            return;
        }
        String catalog = option.path("description").asText();
        if (!catalog.equals(catalogForm)) {
            problems.add(name + ": the catalog says \"" + catalog + "\" but the source says \"" + source + "\"");
        }
        if (!source.endsWith(".") || source.substring(0, source.length() - 1).matches(".*[a-z0-9)]\\. [A-Z].*")) {
            problems.add(name + ": not one sentence: " + source);
        }
    }
}
