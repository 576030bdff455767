package io.github.camelparallel;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component jar lists itself in {@code META-INF/services/org/apache/camel/component.properties} with the same keys
 * as Camel's own component jars (tooling such as the Camel CLI and catalogs read it), and its coordinates match the
 * component's catalog entry.
 */
class ComponentListTest {

    private static final String LIST = "META-INF/services/org/apache/camel/component.properties";

    @Test
    void theJarListsTheComponentLikeCamelsOwnJars() throws Exception {
        URL ours = null;
        URL camels = null;
        String classes = ParallelComponent.class.getProtectionDomain().getCodeSource().getLocation().toString();
        for (URL url : Collections.list(ParallelComponent.class.getClassLoader().getResources(LIST))) {
            if (url.toString().startsWith(classes)) {
                ours = url;
            } else if (url.toString().contains("camel-direct")) {
                camels = url;
            }
        }
        assertTrue(ours != null, "no " + LIST + " under " + classes);
        assertTrue(camels != null, "no " + LIST + " in camel-direct to compare with");
        Properties list = load(ours);
        assertEquals(sortedKeys(load(camels)), sortedKeys(list), "the keys Camel's own component jars have");

        JsonNode component;
        try (InputStream in = ParallelComponent.class.getResourceAsStream("/META-INF/io/github/camelparallel/parallel.json")) {
            component = new ObjectMapper().readTree(in).get("component");
        }
        assertEquals("parallel", list.getProperty("components"));
        for (String key : new String[] {"groupId", "artifactId", "version"}) {
            assertEquals(component.get(key).asText(), list.getProperty(key), key);
        }
        assertFalse(list.getProperty("projectName").isBlank(), "projectName");
        assertFalse(list.getProperty("projectDescription").isBlank(), "projectDescription");
    }

    private static Properties load(URL url) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        }
        return properties;
    }

    private static List<String> sortedKeys(Properties properties) {
        List<String> keys = new ArrayList<>(properties.stringPropertyNames());
        Collections.sort(keys);
        return keys;
    }
}
