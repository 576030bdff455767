package io.github.camelparallel.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the option and header tables of the component page ({@code src/main/docs/parallel-component.adoc}) from the
 * generated catalog metadata ({@code parallel.json}), between the {@code // component options: START/END},
 * {@code // endpoint options: START/END} and {@code // endpoint headers: START/END} markers, in the table format of
 * Camel's own component pages. Only the text between the markers is rewritten; everything else on the page is kept
 * byte for byte. {@code ComponentPageTest} fails when the page differs from what this class writes; {@link #main}
 * (or that test with {@code -Dparallel.docs.update=true}) rewrites the page.
 */
public final class ComponentPageTables {

    /** Where the metadata is on the test classpath (written by the build at process-classes). */
    public static final String METADATA = "/META-INF/io/github/camelparallel/parallel.json";

    /** The page, relative to the component module. */
    public static final Path PAGE = Path.of("src", "main", "docs", "parallel-component.adoc");

    /** The marker names, in page order. */
    public static final List<String> SECTIONS = List.of("component options", "endpoint options", "endpoint headers");

    private static final String TABLE_START = "[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n"
            + "| Name | Description | Default | Type\n";
    private static final String HEADER_TABLE_START = "[width=\"100%\",cols=\"2,5,2\",options=\"header\"]\n|===\n"
            + "| Name | Description | Type\n";

    private ComponentPageTables() {
    }

    /** Rewrites the page in place: {@code main [page]}; run from the component module. */
    public static void main(String[] args) throws IOException {
        Path page = args.length > 0 ? Path.of(args[0]) : PAGE;
        String text = Files.readString(page, StandardCharsets.UTF_8);
        String updated = regenerate(text, metadata());
        if (!updated.equals(text)) {
            Files.writeString(page, updated, StandardCharsets.UTF_8);
        }
        System.out.println(page + (updated.equals(text) ? " is up to date" : " rewritten"));
    }

    /** The page with the text between each pair of markers replaced by the generated section. */
    public static String regenerate(String page, JsonNode json) {
        String result = page;
        for (String section : SECTIONS) {
            String start = "// " + section + ": START\n";
            String end = "// " + section + ": END";
            int from = result.indexOf(start);
            int to = result.indexOf(end);
            if (from < 0 || to < from || result.indexOf(start, from + 1) >= 0) {
                throw new IllegalArgumentException("the page needs exactly one '" + start.strip() + "' followed by '"
                        + end + "'");
            }
            result = result.substring(0, from + start.length()) + section(section, json) + result.substring(to);
        }
        return result;
    }

    /** The generated text of one section (without its markers). */
    public static String section(String section, JsonNode json) {
        return switch (section) {
            case "component options" -> componentOptions(json);
            case "endpoint options" -> endpointOptions(json);
            case "endpoint headers" -> headers(json);
            default -> throw new IllegalArgumentException("no section " + section);
        };
    }

    static String componentOptions(JsonNode json) {
        JsonNode options = json.get("componentProperties");
        JsonNode endpoint = json.get("properties");
        StringBuilder out = new StringBuilder("== Component options\n\nThe Parallel component supports ")
                .append(options.size()).append(" options, which are listed below. An option that is also an endpoint"
                        + " option is the default of every endpoint; as a property it is written"
                        + " `camel.component.parallel.` and the option's name in kebab case, e.g."
                        + " `camel.component.parallel.pool-size`.\n\n").append(TABLE_START);
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> option = it.next();
            JsonNode twin = endpoint.get(option.getKey());
            String description = twin != null && twin.path("description").equals(option.getValue().path("description"))
                    ? "Default of the endpoint option `" + option.getKey() + "`." + enumValues(option.getValue())
                    : description(option.getValue());
            out.append(row(option.getKey(), option.getValue(), description));
        }
        return out.append("|===\n\n").toString();
    }

    static String endpointOptions(JsonNode json) {
        JsonNode options = json.get("properties");
        StringBuilder out = new StringBuilder("== Endpoint options\n\nThe Parallel endpoint is configured using URI"
                + " syntax:\n\n----\n").append(json.path("component").path("syntax").asText())
                .append("\n----\n\nwith the following path and query parameters.\n\n");
        StringBuilder path = new StringBuilder();
        StringBuilder query = new StringBuilder();
        int paths = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> option = it.next();
            boolean isPath = "path".equals(option.getValue().path("kind").asText());
            paths += isPath ? 1 : 0;
            (isPath ? path : query).append(row(option.getKey(), option.getValue(), description(option.getValue())));
        }
        return out.append("=== Path parameters (").append(paths).append(paths == 1 ? " parameter)\n\n" : " parameters)\n\n").append(TABLE_START)
                .append(path).append("|===\n\n=== Query parameters (").append(options.size() - paths)
                .append(" parameters)\n\n").append(TABLE_START).append(query).append("|===\n\n").toString();
    }

    static String headers(JsonNode json) {
        JsonNode headers = json.get("headers");
        StringBuilder out = new StringBuilder("== Message headers\n\nThe Parallel component supports ")
                .append(headers.size()).append(" message headers, which are listed below. The `producer` ones are"
                        + " set on the message after a batch; the `consumer` ones on the exchange of each item when"
                        + " the task is a `Processor` or a route.\n\n").append(HEADER_TABLE_START);
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            JsonNode value = header.getValue();
            String constant = value.path("constantName").asText();
            out.append("| *").append(header.getKey()).append("* (").append(value.path("group").asText()).append(")")
                    .append(constant.isEmpty() ? "" : " +\nConstant: `" + constant.replace('#', '.') + "`")
                    .append(" | ").append(cell(value.path("description").asText())).append(" | `")
                    .append(value.path("javaType").asText()).append("`\n");
        }
        return out.append("|===\n\n").toString();
    }

    private static String row(String name, JsonNode option, String description) {
        String defaultValue = option.has("defaultValue") ? option.get("defaultValue").asText() : "";
        return "| *" + name + "* (" + option.path("group").asText() + ") | " + cell(description) + " | "
                + cell(defaultValue) + " | " + option.path("type").asText() + "\n";
    }

    private static String description(JsonNode option) {
        return option.path("description").asText() + enumValues(option);
    }

    private static String enumValues(JsonNode option) {
        if (!option.has("enum")) {
            return "";
        }
        java.util.StringJoiner values = new java.util.StringJoiner(", ", " Enum values: ", ".");
        for (JsonNode value : option.get("enum")) {
            values.add(value.asText());
        }
        return values.toString();
    }

    /** Table cell text: the cell separator escaped, one line. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }

    /** The metadata the build generated, from the test classpath. */
    public static JsonNode metadata() {
        try (InputStream in = ComponentPageTables.class.getResourceAsStream(METADATA)) {
            if (in == null) {
                throw new IllegalStateException(METADATA + " is not on the classpath (build through process-classes)");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
