package io.github.camelparallel.examples.cube;

import io.github.camelparallel.ParallelConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The cube route in Java DSL, step for step the same as {@code routes/cube.camel.yaml}. Both are loaded; the route
 * filter {@code camel.main.route-filter-include-pattern={{example.dsl}}-cube} keeps the one whose id matches, and
 * this builder refuses any other value of {@code example.dsl}. URI parameters are in name order, as the YAML DSL
 * writes them, so that {@code CubeRoutesParityTest} can compare the two models as they are.
 */
public class CubeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // without this check an unknown value would filter out both routes and leave the application waiting forever
        String dsl = getContext().resolvePropertyPlaceholders("{{example.dsl}}");
        if (!dsl.equals("yaml") && !dsl.equals("java")) {
            throw new IllegalArgumentException("example.dsl must be yaml or java, but was '" + dsl + "'");
        }
        from("timer:cube?delay=0&repeatCount=1").routeId("java-cube")
                // 1. the cubes of 1..cube.count, summed and checked against (n(n+1)/2)^2
                .bean("numbers", "upTo({{cube.count}})")
                .to("parallel:cube?task=#cube")
                .bean("report", "sumOfCubes")
                .log(LoggingLevel.INFO, "cube", "cube: the cubes of 1..${header.CamelParallelSize} add up to ${body}"
                        + " = (n(n+1)/2)^2, computed in ${header.CamelParallelElapsed} ms")
                // 2. a short warm-up, so the JIT has compiled SHA-256 before anything is timed ...
                .bean("numbers", "upTo({{heavy.warmup}})")
                .to("parallel:heavy?task=#heavy")
                // 3. ... real CPU work per item on the default pool (one thread per processor) ...
                .bean("numbers", "upTo({{heavy.count}})")
                .to("parallel:heavy?task=#heavy")
                .setProperty("parallelResults", simple("${body}"))
                .setProperty("parallelMillis", header(ParallelConstants.ELAPSED))
                .setProperty("heavyThreads", method("report", "threads('heavy')"))
                .log(LoggingLevel.INFO, "cube", "heavy: ${header.CamelParallelSize} items x {{heavy.rounds}} rounds of"
                        + " SHA-256 with the default poolSize (${exchangeProperty.heavyThreads} threads):"
                        + " ${header.CamelParallelElapsed} ms")
                // 4. ... and the same batch on one thread
                .bean("numbers", "upTo({{heavy.count}})")
                .to("parallel:heavy-serial?poolSize=1&task=#heavy")
                .log(LoggingLevel.INFO, "cube", "heavy: ${header.CamelParallelSize} items x {{heavy.rounds}} rounds of"
                        + " SHA-256 with poolSize=1: ${header.CamelParallelElapsed} ms")
                .setProperty("speedUp", method("report", "speedUp"))
                .log(LoggingLevel.INFO, "cube", "speed-up: ${exchangeProperty.speedUp}x with"
                        + " ${exchangeProperty.heavyThreads} threads over 1 (same results)");
    }
}
