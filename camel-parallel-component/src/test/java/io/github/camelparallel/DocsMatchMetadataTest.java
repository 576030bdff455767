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
 * Keeps {@code docs/parallel-component.md} in step with the generated {@code parallel.json}: every endpoint option
 * has exactly one row in the "Endpoint options" table with the same default and type, every component option one row
 * ({@code camel.component.parallel.kebab-name}) in the "Component options" table, no row names an option that does not
 * exist, enum values are named in their row, and every header is mentioned. A second test feeds drifted copies of the
 * page to the same check, so the check itself cannot quietly stop catching drift.
 */
class DocsMatchMetadataTest {

    private static final String METADATA = "/META-INF/io/github/camelparallel/parallel.json";
    private static final String DOC = "parallel-component.md";
    private static final String ENDPOINT_SECTION = "## Endpoint options";
    private static final String COMPONENT_SECTION = "## Component options";
    private static final String COMPONENT_PREFIX = "camel.component.parallel.";
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");
    private static final Pattern DIVIDER_CELL = Pattern.compile(":?-{3,}:?");

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
        String chunkRow = doc.lines().filter(l -> l.startsWith("| `chunkSize` |")).findFirst().orElseThrow();

        assertFalse(check(json, doc.replace("| `chunkSize` | `0` |", "| `chunkSize` | `100` |")).isEmpty(),
                "a changed default must be caught");
        assertFalse(check(json, doc.replace(chunkRow + "\n", "")).isEmpty(), "a missing row must be caught");
        assertFalse(check(json, doc.replace(chunkRow + "\n", chunkRow + "\n" + chunkRow + "\n")).isEmpty(),
                "a duplicated row must be caught");
        assertFalse(check(json, doc.replace(chunkRow + "\n", chunkRow + "\n| `chunkCount` | `0` | integer | x |\n"))
                .isEmpty(), "a row for an option that does not exist must be caught");
        assertFalse(check(json, doc.replace("| `chunkSize` | `0` | integer |", "| `chunkSize` | `0` | string |"))
                .isEmpty(), "a wrong type must be caught");
        assertFalse(check(json, doc.replace("camel.component.parallel.pool-size` | `-1`",
                "camel.component.parallel.pool-size` | `4`")).isEmpty(), "a changed component default must be caught");
        assertFalse(check(json, doc.replace("CamelParallelRetries", "CamelParallelRetried")).isEmpty(),
                "a header missing from the doc must be caught");
    }

    /** Every way the doc can disagree with the metadata, as readable lines; empty when they agree. */
    static List<String> check(JsonNode json, String doc) {
        List<String> problems = new ArrayList<>();
        checkTable(problems, json.get("properties"), section(doc, ENDPOINT_SECTION), ENDPOINT_SECTION,
                Function.identity());
        checkTable(problems, json.get("componentProperties"), section(doc, COMPONENT_SECTION), COMPONENT_SECTION,
                name -> COMPONENT_PREFIX + kebab(name));
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
                problems.add(heading + ": row does not have the 4 cells name, default, type, description: " + row);
                continue;
            }
            rows.computeIfAbsent(unquote(row.get(0)), k -> new ArrayList<>()).add(row);
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

    /** The text from a "## heading" line to the next "## " heading, or null. */
    static String section(String doc, String heading) {
        StringBuilder text = null;
        for (String line : doc.split("\\R")) {
            if (text == null) {
                if (line.trim().equals(heading)) {
                    text = new StringBuilder();
                }
            } else if (line.startsWith("## ")) {
                break;
            } else {
                text.append(line).append('\n');
            }
        }
        return text == null ? null : text.toString();
    }

    /** The body rows of the Markdown tables in the text (header and divider rows left out), as trimmed cells. */
    static List<List<String>> tableRows(String text) {
        List<String> lines = text.lines().map(String::trim).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|")) {
                continue;
            }
            List<String> cells = cells(line);
            boolean divider = cells.stream().allMatch(c -> DIVIDER_CELL.matcher(c).matches());
            boolean header = i + 1 < lines.size() && lines.get(i + 1).startsWith("|")
                    && cells(lines.get(i + 1)).stream().allMatch(c -> DIVIDER_CELL.matcher(c).matches());
            if (!divider && !header) {
                rows.add(cells);
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
        String dir = System.getProperty("docs.dir");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of("..", "docs");
        Path doc = base.resolve(DOC).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(doc), "no " + doc + " (set -Ddocs.dir or run from the module directory)");
        return doc;
    }
}
