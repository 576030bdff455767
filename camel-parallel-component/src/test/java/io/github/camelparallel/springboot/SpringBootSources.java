package io.github.camelparallel.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelparallel.ParallelComponent;

/**
 * Writes the Spring Boot binding of the component's options from its catalog ({@code parallel.json},
 * componentProperties), as camel-spring-boot's generator does for Camel's own starters: the
 * {@code ParallelComponentConfiguration} class and {@code META-INF/spring-configuration-metadata.json}. An option added
 * to the component changes both; {@link SpringBootSourcesTest} fails until they are rewritten. Stateless.
 */
final class SpringBootSources {

    static final Path CONFIGURATION = Path.of(
            "src/main/java/io/github/camelparallel/springboot/ParallelComponentConfiguration.java");
    static final Path METADATA = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");
    static final String PREFIX = "camel.component.parallel";
    static final String ENABLED_DESCRIPTION = "Whether to enable auto configuration of the parallel component. This is"
            + " enabled by default.";

    private static final String CLASS = "io.github.camelparallel.springboot.ParallelComponentConfiguration";
    private static final String CUSTOMIZER = "org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon$CustomizerProperties";

    private SpringBootSources() {
    }

    /** The catalog's component options, in catalog order. */
    static JsonNode options() throws IOException {
        try (InputStream in = ParallelComponent.class.getResourceAsStream("/META-INF/io/github/camelparallel/parallel.json")) {
            return new ObjectMapper().readTree(in).get("componentProperties");
        }
    }

    /**
     * The Java type of the Spring property of a catalog option: a Duration for a duration (so 5s, 500ms or 5000, in
     * milliseconds, bind as in camel-main; Camel converts it to the option's milliseconds), boxed primitives, else the
     * catalog's type.
     */
    static String javaType(JsonNode option) {
        if ("duration".equals(option.path("type").asText())) {
            return "java.time.Duration";
        }
        String type = option.get("javaType").asText();
        return switch (type) {
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            case "boolean" -> "java.lang.Boolean";
            default -> type;
        };
    }

    /** poolSize becomes pool-size. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }


    static String configurationSource(JsonNode options) {
        StringBuilder fields = new StringBuilder();
        StringBuilder accessors = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> option = it.next();
            String name = option.getKey();
            String type = sourceType(javaType(option.getValue()));
            String upper = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            fields.append("    /**\n").append(wrap(option.getValue().get("description").asText().replace("*/", "*&#47;")))
                    .append("     */\n    private ").append(type).append(' ').append(name).append(";\n");
            accessors.append("\n    public ").append(type).append(" get").append(upper).append("() {\n        return ")
                    .append(name).append(";\n    }\n\n    public void set").append(upper).append('(').append(type)
                    .append(' ').append(name).append(") {\n        this.").append(name).append(" = ").append(name)
                    .append(";\n    }\n");
        }
        return """
                package io.github.camelparallel.springboot;

                %simport org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
                import org.springframework.boot.context.properties.ConfigurationProperties;

                /**
                 * The component options as Spring Boot properties, {@code camel.component.parallel.*}, bound (and type-checked) by
                 * Spring Boot and copied onto the component by {@link ParallelComponentAutoConfiguration}. A field stays null
                 * until a property sets it, so only the options an application sets reach the component; the defaults are in
                 * the component and in {@code spring-configuration-metadata.json}.
                 * <p>
                 * Written from the component's catalog by SpringBootSources (in the tests): do not edit; after an option
                 * changes, run {@code ./mvnw -B -pl camel-parallel-component test -Dtest=SpringBootSourcesTest
                 * -Dparallel.springboot.update=true}. Not thread-safe: Spring binds it once at start-up.
                 */
                @ConfigurationProperties(prefix = "camel.component.parallel")
                public class ParallelComponentConfiguration extends ComponentConfigurationPropertiesCommon {

                """.formatted(imports(fields)) + fields + accessors + "}\n";
    }

    private static String imports(CharSequence fields) {
        String imports = (fields.toString().contains(" Duration ") ? "import java.time.Duration;\n" : "")
                + (fields.toString().contains(" Map<") ? "import java.util.Map;\n" : "");
        return imports.isEmpty() ? "" : imports + "\n";
    }

    /** java.lang types and the Map of a multi-value option by their simple names, any other type in full. */
    private static String sourceType(String type) {
        if (type.startsWith("java.util.Map<")) {
            return type.replace("java.util.Map", "Map").replace("java.lang.", "");
        }
        if (type.equals("java.time.Duration")) {
            return "Duration";
        }
        return type.startsWith("java.lang.") && type.lastIndexOf('.') == "java.lang".length() ? type.substring(10) : type;
    }

    /** A javadoc body of lines at most 120 characters long. */
    private static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("     *");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > 120) {
                out.append(line).append('\n');
                line = new StringBuilder("     *");
            }
            line.append(' ').append(word);
        }
        return out.append(line).append('\n').toString();
    }

    static String metadata(JsonNode options) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        groups.addObject().put("name", PREFIX).put("type", CLASS).put("sourceType", CLASS);
        groups.addObject().put("name", PREFIX + ".customizer").put("type", CUSTOMIZER).put("sourceType", CLASS)
                .put("sourceMethod", "getCustomizer()");
        List<ObjectNode> properties = new ArrayList<>();
        properties.add(mapper.createObjectNode().put("name", PREFIX + ".customizer.enabled")
                .put("type", "java.lang.Boolean").put("sourceType", CUSTOMIZER));
        properties.add(mapper.createObjectNode().put("name", PREFIX + ".enabled").put("type", "java.lang.Boolean")
                .put("description", ENABLED_DESCRIPTION).put("sourceType", CLASS).put("defaultValue", true));
        List<ObjectNode> hints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode option = entry.getValue();
            String name = PREFIX + "." + kebab(entry.getKey());
            ObjectNode property = mapper.createObjectNode().put("name", name).put("type", javaType(option))
                    .put("description", option.get("description").asText()).put("sourceType", CLASS);
            JsonNode defaultValue = defaultValue(option);
            if (defaultValue != null) {
                property.set("defaultValue", defaultValue);
            }
            properties.add(property);
            if (option.has("enum")) {
                ObjectNode hint = mapper.createObjectNode().put("name", name);
                ArrayNode values = hint.putArray("values");
                option.get("enum").forEach(v -> values.addObject().put("value", v.asText()));
                hints.add(hint);
            }
        }
        properties.sort(Comparator.comparing(p -> p.get("name").asText()));
        root.putArray("properties").addAll(properties);
        root.putArray("hints").addAll(hints);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return mapper.writer(printer).writeValueAsString(root) + "\n";
    }

    /** The catalog's default as a JSON value of the property's type, or null when the option has none. */
    static JsonNode defaultValue(JsonNode option) {
        JsonNode value = option.get("defaultValue");
        if (value == null || value.isNull()) {
            return null;
        }
        ObjectMapper mapper = new ObjectMapper();
        return switch (javaType(option)) {
            case "java.lang.Integer" -> mapper.getNodeFactory().numberNode(Integer.parseInt(value.asText()));
            case "java.lang.Long" -> mapper.getNodeFactory().numberNode(Long.parseLong(value.asText()));
            case "java.lang.Boolean" -> mapper.getNodeFactory().booleanNode(Boolean.parseBoolean(value.asText()));
            default -> mapper.getNodeFactory().textNode(value.asText());
        };
    }
}
