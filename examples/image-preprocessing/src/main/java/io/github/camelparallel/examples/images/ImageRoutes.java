package io.github.camelparallel.examples.images;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The image-preprocessing route in Java DSL, step for step the same as {@code routes/images.camel.yaml}. Both are
 * loaded; the route filter {@code camel.main.route-filter-include-pattern={{example.dsl}}-images} keeps the one whose
 * id matches, and this builder refuses any other value of {@code example.dsl}. URI parameters are in name order, as
 * the YAML DSL writes them, so that {@code ImageRoutesParityTest} can compare the two models as they are.
 */
public class ImageRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // without this check an unknown value would filter out both routes and leave the application waiting forever
        String dsl = getContext().resolvePropertyPlaceholders("{{example.dsl}}");
        if (!dsl.equals("yaml") && !dsl.equals("java")) {
            throw new IllegalArgumentException("example.dsl must be yaml or java, but was '" + dsl + "'");
        }
        from("timer:images?delay=0&repeatCount=1").routeId("java-images")
                // 1. the input folder: paint the scenes that are not there yet (all of them on the first run)
                .bean("scenes", "missing")
                .to("parallel:generate?task=#painter")
                .log(LoggingLevel.INFO, "images", "painted ${header.CamelParallelSize} new {{images.width}}x"
                        + "{{images.height}} scenes in ${header.CamelParallelElapsed} ms")
                .bean("scenes", "jobs")
                .setProperty("jobs", simple("${body}"))
                // 2. an untimed warm-up on both pools, so neither is timed while its JIT compiles the image code
                .bean("scenes", "firstOf(${exchangeProperty.jobs}, {{images.warmup}})")
                .to("parallel:thumbs?task=#thumbnailer")
                .bean("scenes", "firstOf(${exchangeProperty.jobs}, {{images.warmup}})")
                .to("parallel:thumbs-process?backend=process&task=#class:"
                        + "io.github.camelparallel.examples.images.Thumbnailer"
                        + "&workerJvmOptions=-Djava.awt.headless=true")
                // 3. the batch on one thread: the baseline ...
                .setBody(exchangeProperty("jobs"))
                .to("parallel:thumbs-serial?poolSize=1&task=#thumbnailer")
                .setBody(method("report", "record('thumbs-serial', ${body}, ${header.CamelParallelElapsed})"))
                .log(LoggingLevel.INFO, "images", "${body}")
                // 4. ... on a pool of threads, one per processor ...
                .setBody(exchangeProperty("jobs"))
                .to("parallel:thumbs?task=#thumbnailer")
                .setBody(method("report", "record('thumbs', ${body}, ${header.CamelParallelElapsed})"))
                .log(LoggingLevel.INFO, "images", "${body}")
                // 5. ... and on worker processes (JVMs), one per processor
                .setBody(exchangeProperty("jobs"))
                .to("parallel:thumbs-process?backend=process&task=#class:"
                        + "io.github.camelparallel.examples.images.Thumbnailer"
                        + "&workerJvmOptions=-Djava.awt.headless=true")
                .setBody(method("report", "record('thumbs-process', ${body}, ${header.CamelParallelElapsed})"))
                .log(LoggingLevel.INFO, "images", "${body}")
                .setBody(method("report", "summary('{{images.dir}}/thumbnails')"))
                .log(LoggingLevel.INFO, "images", "${body}");
    }
}
