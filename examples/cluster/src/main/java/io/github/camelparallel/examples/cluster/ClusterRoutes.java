package io.github.camelparallel.examples.cluster;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The cluster route in Java DSL, step for step the same as {@code routes/cluster.camel.yaml}. Both are loaded; the
 * route filter {@code camel.main.route-filter-include-pattern={{example.dsl}}-cluster} keeps the one whose id matches,
 * and this builder refuses any other value of {@code example.dsl}. URI parameters are in name order, as the YAML DSL
 * writes them, so that {@code ClusterRoutesParityTest} can compare the two models as they are.
 */
public class ClusterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // without this check an unknown value would filter out both routes and leave the application waiting forever
        String dsl = getContext().resolvePropertyPlaceholders("{{example.dsl}}");
        if (!dsl.equals("yaml") && !dsl.equals("java")) {
            throw new IllegalArgumentException("example.dsl must be yaml or java, but was '" + dsl + "'");
        }
        from("timer:cluster?delay=0&repeatCount=1").routeId("java-cluster")
                .bean("report", "numbers({{cluster.items}})")
                .setProperty("membersAtStart", method("report", "members('cluster')"))
                .log(LoggingLevel.INFO, "cluster", "cluster: sending ${body.size()} items to parallel:cluster on"
                        + " ${exchangeProperty.membersAtStart} members of Hazelcast cluster {{cluster.name}}")
                // the one option that makes this a cluster run: backend=hazelcast, as a client of the listed members
                .to("parallel:cluster?backend=hazelcast&chunkSize={{cluster.chunk-size}}&clientMode=true"
                        + "&clusterName={{cluster.name}}&members={{cluster.members}}"
                        + "&poolSize={{cluster.member-threads}}"
                        + "&progress=true&progressInterval={{cluster.progress-interval}}"
                        + "&task=#class:io.github.camelparallel.examples.cluster.SlowSquare")
                .setProperty("membersAtEnd", method("report", "members('cluster')"))
                .setProperty("checked", method("report", "check"))
                .log(LoggingLevel.INFO, "cluster", "cluster: ${exchangeProperty.checked} of ${header.CamelParallelSize}"
                        + " results, each once and in input order, in ${header.CamelParallelElapsed} ms;"
                        + " ${exchangeProperty.membersAtStart} members at the start, ${exchangeProperty.membersAtEnd}"
                        + " at the end");
    }
}
