package io.github.camelparallel.examples.quarkus;

import java.util.List;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The example's routes, found by Camel Quarkus at build time, one for each backend in {@code cubes.backends}
 * ({@code thread}, {@code process}): each takes a count ({@link CubesOnStart} sends {@code cubes.count} once), sends {@code 1..count} to a {@code parallel:} endpoint (one on threads, one on worker
 * processes) and logs the sum of the cubes beside the expected one, {@code (n(n+1)/2)^2}. The pool size comes from {@code application.properties}
 * ({@code camel.component.parallel.pool-size}) unless the endpoint URI sets its own.
 */
public class CubeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        List<String> backends = List.of(getContext().resolvePropertyPlaceholders("{{cubes.backends}}").split("\\s*,\\s*"));
        if (backends.contains("thread")) {
            cubes("thread-cubes", "parallel:thread-cubes?task=#class:" + Cube.class.getName());
        }
        if (backends.contains("process")) {
            cubes("process-cubes", "parallel:process-cubes?backend=process&poolSize=2&task=#class:" + Cube.class.getName());
        }
    }

    private void cubes(String name, String parallelUri) {
        from("direct:" + name).routeId(name)
                .setBody(exchange -> numbers(exchange.getMessage().getBody(Integer.class)))
                .to(parallelUri)
                .process(CubeRoutes::sumAndExpected)
                .log(name + ": ${header.CamelParallelSize} cubes add up to ${body}");
    }

    static List<Integer> numbers(int count) {
        return IntStream.rangeClosed(1, count).boxed().toList();
    }

    /** Replaces the body (the cubes, in input order) by "sum (expected e)". */
    static void sumAndExpected(Exchange exchange) {
        List<?> cubes = exchange.getMessage().getBody(List.class);
        long sum = cubes.stream().mapToLong(c -> (Long) c).sum();
        long n = cubes.size();
        long triangle = n * (n + 1) / 2;
        exchange.getMessage().setBody(sum + " (expected " + triangle * triangle + ")");
    }
}
