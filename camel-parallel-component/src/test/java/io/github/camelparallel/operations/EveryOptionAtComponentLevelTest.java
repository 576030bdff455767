package io.github.camelparallel.operations;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.ParallelConfiguration;
import io.github.camelparallel.ParallelEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint option that has a plain value can be set once for the component in camel-main's properties
 * ({@code camel.component.parallel.<kebab-name>}), reaches every endpoint, and is overridden by an endpoint's URI.
 * The options are read from the generated {@code parallel.json}, so an option added later is covered without editing
 * this test. Object-valued options (a task, an executor, an instance) are references and are covered elsewhere.
 */
class EveryOptionAtComponentLevelTest {

    private record Option(String name, String kebab, String text, Object expected) {
    }

    private static List<Option> options() throws Exception {
        JsonNode json;
        try (InputStream in = ParallelComponent.class.getResourceAsStream("/META-INF/io/github/camelparallel/parallel.json")) {
            json = new ObjectMapper().readTree(in);
        }
        List<Option> options = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("componentProperties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode meta = entry.getValue();
            if (getter(name) == null || "object".equals(meta.get("type").asText())) {
                continue; // a component-only option (health checks, autowiring, ...), or a reference
            }
            String kebab = name.replaceAll("([A-Z])", "-$1").toLowerCase();
            String defaultValue = meta.has("defaultValue") ? meta.get("defaultValue").asText() : null;
            switch (meta.get("type").asText()) {
                case "boolean" -> {
                    boolean value = !"true".equals(defaultValue);
                    options.add(new Option(name, kebab, Boolean.toString(value), value));
                }
                case "integer" -> {
                    long value = (defaultValue == null ? 0 : Long.parseLong(defaultValue)) + 3;
                    Object expected = "long".equals(meta.get("javaType").asText()) ? (Object) value : (Object) (int) value;
                    options.add(new Option(name, kebab, Long.toString(value), expected));
                }
                case "duration" -> options.add(new Option(name, kebab, "3s", 3000L));
                case "enum" -> {
                    String value = null;
                    for (JsonNode e : meta.get("enum")) {
                        if (!e.asText().equals(defaultValue)) {
                            value = e.asText();
                            break;
                        }
                    }
                    options.add(new Option(name, kebab, value, value));
                }
                default -> options.add(new Option(name, kebab, "set-" + name, "set-" + name));
            }
        }
        return options;
    }

    private static Method getter(String name) {
        String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String prefix : new String[] { "get", "is" }) {
            try {
                return ParallelConfiguration.class.getMethod(prefix + suffix);
            } catch (NoSuchMethodException e) {
                // try the other prefix
            }
        }
        return null;
    }

    @Test
    void everyPlainOptionBindsAtComponentLevelAndAnEndpointOverridesIt() throws Exception {
        List<Option> options = options();
        assertTrue(options.size() >= 25, "the plain options of parallel.json: " + options.size());
        Main main = new Main();
        options.forEach(o -> main.addInitialProperty("camel.component.parallel." + o.kebab(), o.text()));
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            ParallelConfiguration fromComponent = context.getEndpoint("parallel:defaults", ParallelEndpoint.class)
                    .getConfiguration();
            Map<String, Object> wrong = new LinkedHashMap<>();
            for (Option option : options) {
                Object actual = getter(option.name()).invoke(fromComponent);
                if (!option.expected().equals(actual)) {
                    wrong.put(option.name(), actual + " (expected " + option.expected() + ")");
                }
            }
            assertEquals(Map.of(), wrong, "component-level values that did not reach the endpoint");
            ParallelConfiguration overridden = context.getEndpoint("parallel:own?chunkSize=1&ordered=true&onError=fail",
                    ParallelEndpoint.class).getConfiguration();
            assertEquals(1, overridden.getChunkSize());
            assertEquals(true, overridden.isOrdered());
            assertEquals("fail", overridden.getOnError());
            assertEquals(fromComponent.getMaxRetries(), overridden.getMaxRetries(), "the rest from the component");
        } finally {
            main.stop();
        }
    }
}
