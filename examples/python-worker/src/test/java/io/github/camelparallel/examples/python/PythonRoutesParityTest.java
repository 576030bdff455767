package io.github.camelparallel.examples.python;

import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The YAML route and the Java DSL route are one route: their models, dumped as XML before placeholders are resolved,
 * are the same but for the route id. An edit to one file and not the other fails here.
 */
class PythonRoutesParityTest {

    @Test
    void yamlAndJavaRoutesHaveTheSameModel() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties properties = new Properties();
            properties.setProperty("example.dsl", "java");
            context.getPropertiesComponent().setInitialProperties(properties);
            context.addRoutes(new PythonRoutes());
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/python.camel.yaml"));

            String java = dump(context, context.getRouteDefinition("java-python"));
            String yaml = dump(context, context.getRouteDefinition("yaml-python"));

            assertEquals(java.replace("java-python", "ROUTE"), yaml.replace("yaml-python", "ROUTE"));
        }
    }

    private static String dump(DefaultCamelContext context, RouteDefinition route) throws Exception {
        return PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, route);
    }
}
