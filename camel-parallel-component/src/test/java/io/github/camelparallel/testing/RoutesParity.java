package io.github.camelparallel.testing;

import java.util.Properties;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Checks that an example's YAML route and its Java DSL route are one route: both models, dumped as XML before
 * placeholders are resolved, are the same but for the route id, so an edit to one file and not the other fails.
 * Shipped to the examples in this module's test-jar; the caller's test classpath needs camel-yaml-dsl and
 * camel-xml-io. YAML writes URI parameters sorted by name, so the Java route writes them in that order too.
 */
public final class RoutesParity {

    private RoutesParity() {
    }

    /**
     * Loads {@code javaRoutes} and {@code classpath:routes/NAME.camel.yaml} into one context (with
     * {@code example.dsl=java}) and asserts that route {@code java-NAME} and route {@code yaml-NAME} dump to the same
     * XML once their ids are masked.
     */
    public static void assertYamlMatchesJava(String name, RoutesBuilder javaRoutes) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties properties = new Properties();
            properties.setProperty("example.dsl", "java");
            context.getPropertiesComponent().setInitialProperties(properties);
            context.addRoutes(javaRoutes);
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/" + name + ".camel.yaml"));

            String java = dump(context, "java-" + name);
            String yaml = dump(context, "yaml-" + name);
            assertEquals(java.replace("java-" + name, "ROUTE"), yaml.replace("yaml-" + name, "ROUTE"),
                    "routes/" + name + ".camel.yaml and " + javaRoutes.getClass().getSimpleName() + " differ");
        }
    }

    private static String dump(DefaultCamelContext context, String routeId) throws Exception {
        RouteDefinition route = context.getRouteDefinition(routeId);
        assertNotNull(route, "no route with id " + routeId);
        return PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, route);
    }
}
