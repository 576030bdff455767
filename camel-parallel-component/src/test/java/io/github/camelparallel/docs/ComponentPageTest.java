package io.github.camelparallel.docs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The option and header tables of {@code src/main/docs/parallel-component.adoc} are exactly what
 * {@link ComponentPageTables} writes from the generated {@code parallel.json}: a new option, a changed default or
 * description fails this test until the page is regenerated. {@code -Dparallel.docs.update=true} rewrites the page
 * instead of failing (docs/contributing/component-page.md).
 */
class ComponentPageTest {

    @Test
    void tablesMatchTheGeneratedMetadata() throws Exception {
        String page = Files.readString(ComponentPageTables.PAGE, StandardCharsets.UTF_8);
        String expected = ComponentPageTables.regenerate(page, ComponentPageTables.metadata());
        if (Boolean.getBoolean("parallel.docs.update") && !expected.equals(page)) {
            Files.writeString(ComponentPageTables.PAGE, expected, StandardCharsets.UTF_8);
            page = expected;
        }
        assertEquals(expected, page, ComponentPageTables.PAGE.toAbsolutePath() + " has tables that differ from "
                + ComponentPageTables.METADATA + ": regenerate them (./mvnw -B -pl camel-parallel-component test"
                + " -Dtest=ComponentPageTest -Dparallel.docs.update=true)");
    }

    @Test
    void everyOptionAndHeaderIsInItsTableWithDefaultTypeAndEnumValues() throws Exception {
        JsonNode json = ComponentPageTables.metadata();
        String component = ComponentPageTables.section("component options", json);
        String endpoint = ComponentPageTables.section("endpoint options", json);
        String headers = ComponentPageTables.section("endpoint headers", json);
        json.get("componentProperties").fields().forEachRemaining(o -> assertRow(component, o.getKey(), o.getValue()));
        json.get("properties").fields().forEachRemaining(o -> assertRow(endpoint, o.getKey(), o.getValue()));
        json.get("headers").fieldNames().forEachRemaining(h -> assertTrue(headers.contains("| *" + h + "* ("), h));
        assertTrue(endpoint.contains("Enum values: thread, virtual, process, hazelcast."), "backend's values");
        assertTrue(endpoint.contains("Enum values: fail, collect, skip."), "onError's values");
    }

    @Test
    void aChangedDefaultOrDescriptionChangesTheTables() throws Exception {
        String page = Files.readString(ComponentPageTables.PAGE, StandardCharsets.UTF_8);
        JsonNode json = ComponentPageTables.metadata();
        ObjectNode drifted = json.deepCopy();
        ((ObjectNode) drifted.get("properties").get("chunkSize")).set("defaultValue", TextNode.valueOf("100"));
        assertNotEquals(ComponentPageTables.regenerate(page, json), ComponentPageTables.regenerate(page, drifted));
        ObjectNode described = json.deepCopy();
        ((ObjectNode) described.get("headers").get("CamelParallelSize")).set("description", TextNode.valueOf("x"));
        assertNotEquals(ComponentPageTables.regenerate(page, json), ComponentPageTables.regenerate(page, described));
    }

    @Test
    void onlyTheTextBetweenTheMarkersIsRewritten() {
        JsonNode json = ComponentPageTables.metadata();
        String page = "intro\n// component options: START\nold\n// component options: END\nmiddle\n"
                + "// endpoint options: START\n// endpoint options: END\n"
                + "// endpoint headers: START\nold\n// endpoint headers: END\nend\n";
        String out = ComponentPageTables.regenerate(page, json);
        assertTrue(out.startsWith("intro\n// component options: START\n== Component options\n"), out);
        assertTrue(out.contains("// component options: END\nmiddle\n// endpoint options: START\n== Endpoint options"));
        assertTrue(out.endsWith("// endpoint headers: END\nend\n"));
        assertEquals(out, ComponentPageTables.regenerate(out, json), "regenerating is idempotent");
        assertThrows(IllegalArgumentException.class,
                () -> ComponentPageTables.regenerate(page.replace("// endpoint options: END\n", ""), json));
    }

    private static void assertRow(String table, String name, JsonNode option) {
        String prefix = "| *" + name + "* (" + option.path("group").asText() + ") | ";
        String row = table.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name));
        String expectedDefault = option.has("defaultValue") ? option.get("defaultValue").asText() : "";
        assertTrue(row.endsWith(" | " + expectedDefault + " | " + option.path("type").asText()),
                name + ": " + row);
        assertEquals(1, table.lines().filter(l -> l.startsWith(prefix)).count(), name + " has one row");
    }
}
