package io.github.camelparallel.examples.cluster;

import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The YAML route and the Java DSL route are one route: their models, dumped as XML before placeholders are resolved,
 * are the same but for the route id. An edit to one file and not the other fails here. (ClusterScriptTest runs the
 * YAML route for real.)
 */
class ClusterRoutesParityTest {

    @Test
    void yamlAndJavaRoutesHaveTheSameModel() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties properties = new Properties();
            properties.setProperty("example.dsl", "java");
            context.getPropertiesComponent().setInitialProperties(properties);
            context.addRoutes(new ClusterRoutes());
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/cluster.camel.yaml"));

            ModelCamelContext model = context;
            String java = dump(context, model.getRouteDefinition("java-cluster"));
            String yaml = dump(context, model.getRouteDefinition("yaml-cluster"));

            assertEquals(java.replace("java-cluster", "ROUTE"), yaml.replace("yaml-cluster", "ROUTE"));
        }
    }

    private static String dump(DefaultCamelContext context, RouteDefinition route) throws Exception {
        return PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, route);
    }
}
