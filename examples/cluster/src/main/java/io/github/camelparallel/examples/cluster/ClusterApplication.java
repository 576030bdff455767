package io.github.camelparallel.examples.cluster;

import org.apache.camel.main.Main;

/**
 * Starts the cluster example with camel-main: a Hazelcast client of the members listed in {@code cluster.members}
 * (started by {@code run-cluster.sh}) that sends one batch to {@code parallel:cluster?backend=hazelcast}, checks that
 * every result came back once and in order, and stops by itself ({@code camel.main.duration-max-messages=1}).
 * {@code routes/cluster.camel.yaml} and {@link ClusterRoutes} hold the same route; {@code example.dsl} picks which.
 */
public final class ClusterApplication {

    private ClusterApplication() {
    }

    public static void main(String... args) throws Exception {
        // Main(ClusterApplication.class) scans this package, which is how ClusterRoutes is found
        Main main = new Main(ClusterApplication.class);
        int exitCode = main.run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
