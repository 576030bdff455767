package io.github.camelparallel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the component page ({@code src/main/docs/parallel-component.adoc}) in step with the generated
 * {@code parallel.json}, read as a user reads it: every endpoint option has exactly one row in the "Endpoint options"
 * tables with the same default and type, every component option one row in the "Component options" table, no row
 * names an option that does not exist, enum values are named in their row, and every header is mentioned. The tables
 * are written by {@code docs.ComponentPageTables} ({@code ComponentPageTest} checks they are up to date); this test
 * checks what they say. A second test feeds drifted copies of the page to the same check, so the check itself cannot
 * quietly stop catching drift.
 */
class DocsMatchMetadataTest {

    private static final String METADATA = "/META-INF/io/github/camelparallel/parallel.json";
    private static final Path DOC = Path.of("src", "main", "docs", "parallel-component.adoc");
    private static final String ENDPOINT_SECTION = "== Endpoint options";
    private static final String COMPONENT_SECTION = "== Component options";
    private static final Pattern NAME_CELL = Pattern.compile("\\*([A-Za-z0-9.]+)\\*.*");
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    @Test
    void docMatchesGeneratedMetadata() throws IOException {
        List<String> problems = check(metadata(), Files.readString(docFile(), StandardCharsets.UTF_8));
        assertTrue(problems.isEmpty(), () -> docFile() + " does not match " + METADATA + " (update the doc):\n  - "
                + String.join("\n  - ", problems));
    }

    @Test
    void checkCatchesDrift() throws IOException {
        JsonNode json = metadata();
        String doc = Files.readString(docFile(), StandardCharsets.UTF_8);
        String endpoint = section(doc, ENDPOINT_SECTION);
        String chunkRow = endpoint.lines().filter(l -> l.startsWith("| *chunkSize* (")).findFirst().orElseThrow();
        String poolRow = section(doc, COMPONENT_SECTION).lines().filter(l -> l.startsWith("| *poolSize* ("))
                .findFirst().orElseThrow();
        assertTrue(check(json, doc).isEmpty(), "the page itself passes");

        assertFalse(check(json, doc.replace(chunkRow, chunkRow.replace(" | 0 | integer", " | 100 | integer")))
                .isEmpty(), "a changed default must be caught");
        assertFalse(check(json, doc.replace(chunkRow + "\n", "")).isEmpty(), "a missing row must be caught");
        assertFalse(check(json, doc.replace(chunkRow + "\n", chunkRow + "\n" + chunkRow + "\n")).isEmpty(),
                "a duplicated row must be caught");
        assertFalse(check(json, doc.replace(chunkRow + "\n", chunkRow + "\n| *chunkCount* (producer) | x | 0 | integer\n"))
                .isEmpty(), "a row for an option that does not exist must be caught");
        assertFalse(check(json, doc.replace(chunkRow, chunkRow.replace(" | 0 | integer", " | 0 | string"))).isEmpty(),
                "a wrong type must be caught");
        assertFalse(check(json, doc.replace(poolRow, poolRow.replace(" | -1 | integer", " | 4 | integer"))).isEmpty(),
                "a changed component default must be caught");
        assertFalse(check(json, doc.replace("CamelParallelRetries", "CamelParallelRetried")).isEmpty(),
                "a header missing from the doc must be caught");
    }

    /** Every way the doc can disagree with the metadata, as readable lines; empty when they agree. */
    static List<String> check(JsonNode json, String doc) {
        List<String> problems = new ArrayList<>();
        checkTable(problems, json.get("properties"), section(doc, ENDPOINT_SECTION), ENDPOINT_SECTION,
                Function.identity());
        checkTable(problems, json.get("componentProperties"), section(doc, COMPONENT_SECTION), COMPONENT_SECTION,
                Function.identity());
        for (Iterator<String> it = json.get("headers").fieldNames(); it.hasNext();) {
            String header = it.next();
            if (!doc.contains(header)) {
                problems.add("header " + header + " is not mentioned");
            }
        }
        return problems;
    }

    private static void checkTable(List<String> problems, JsonNode options, String section, String heading,
            Function<String, String> docName) {
        if (section == null) {
            problems.add("no section '" + heading + "'");
            return;
        }
        Map<String, List<List<String>>> rows = new LinkedHashMap<>();
        for (List<String> row : tableRows(section)) {
            if (row.size() != 4) {
                problems.add(heading + ": row does not have the 4 cells name, description, default, type: " + row);
                continue;
            }
            java.util.regex.Matcher name = NAME_CELL.matcher(row.get(0));
            if (!name.matches()) {
                problems.add(heading + ": row does not start with *name*: " + row);
                continue;
            }
            // name, default, type, description: the order the checks below read
            rows.computeIfAbsent(name.group(1), k -> new ArrayList<>())
                    .add(List.of(name.group(1), row.get(2), row.get(3), row.get(1)));
        }
        Map<String, String> known = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> option = it.next();
            known.put(docName.apply(option.getKey()), option.getKey());
        }
        for (Map.Entry<String, String> entry : known.entrySet()) {
            String name = entry.getKey();
            JsonNode option = options.get(entry.getValue());
            List<List<String>> found = rows.getOrDefault(name, List.of());
            if (found.size() != 1) {
                problems.add(heading + ": option " + name + " has " + found.size() + " rows, expected exactly 1");
                continue;
            }
            List<String> row = found.get(0);
            String expectedDefault = option.has("defaultValue") ? option.get("defaultValue").asText() : "";
            String documentedDefault = unquote(row.get(1));
            if (!expectedDefault.equals(documentedDefault)) {
                problems.add(heading + ": option " + name + " default is '" + expectedDefault
                        + "' in the metadata but '" + documentedDefault + "' in the doc"
                        + (expectedDefault.isEmpty() ? " (leave the cell empty when there is no default)" : ""));
            }
            String expectedType = option.path("type").asText();
            if (!expectedType.equals(unquote(row.get(2)))) {
                problems.add(heading + ": option " + name + " type is '" + expectedType + "' in the metadata but '"
                        + unquote(row.get(2)) + "' in the doc");
            }
            for (JsonNode value : option.path("enum")) {
                if (!row.get(3).contains(value.asText())) {
                    problems.add(heading + ": option " + name + " does not name its value '" + value.asText() + "'");
                }
            }
            if (row.get(3).isBlank()) {
                problems.add(heading + ": option " + name + " has no description");
            }
        }
        Set<String> unknown = new TreeSet<>(rows.keySet());
        unknown.removeAll(known.keySet());
        for (String name : unknown) {
            problems.add(heading + ": row '" + name + "' is not an option in the metadata");
        }
        if (rows.isEmpty()) {
            problems.add(heading + ": no option table found");
        }
    }

    /** The text from a "== heading" line to the next "== " heading (subsections included), or null. */
    static String section(String doc, String heading) {
        StringBuilder text = null;
        for (String line : doc.split("\\R")) {
            if (text == null) {
                if (line.trim().equals(heading)) {
                    text = new StringBuilder();
                }
            } else if (line.startsWith("== ")) {
                break;
            } else {
                text.append(line).append('\n');
            }
        }
        return text == null ? null : text.toString();
    }

    /** The body rows of the AsciiDoc tables in the text (delimiter and "| Name |" header rows left out). */
    static List<List<String>> tableRows(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.lines().map(String::trim).toList()) {
            if (line.startsWith("|") && !line.startsWith("|===") && !line.startsWith("| Name |")) {
                rows.add(cells(line));
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : CELL_SEPARATOR.split(inner, -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static String unquote(String cell) {
        String s = cell.trim();
        if (s.length() >= 2 && s.startsWith("`") && s.endsWith("`")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.trim();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static JsonNode metadata() throws IOException {
        try (InputStream in = DocsMatchMetadataTest.class.getResourceAsStream(METADATA)) {
            assertNotNull(in, METADATA + " is not on the test classpath (run the build through process-classes)");
            JsonNode json = new ObjectMapper().readTree(in);
            assertEquals("parallel", json.path("component").path("scheme").asText(), "unexpected metadata file");
            return json;
        }
    }

    private static Path docFile() {
        Path doc = DOC.toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(doc), "no " + doc + " (run from the component module)");
        return doc;
    }
}
