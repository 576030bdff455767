package io.github.camelparallel.examples.filepipeline;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The file pipeline route in Java DSL, step for step the same as {@code routes/file-pipeline.camel.yaml}. Both are
 * loaded; the route filter {@code camel.main.route-filter-include-pattern={{example.dsl}}-file-pipeline} keeps the one
 * whose id matches, and this builder refuses any other value of {@code example.dsl}. URI parameters are in name order,
 * as the YAML DSL writes them, so that {@code FilePipelineRoutesParityTest} can compare the two models as they are.
 */
public class FilePipelineRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // without this check an unknown value would filter out both routes and leave the application waiting forever
        String dsl = getContext().resolvePropertyPlaceholders("{{example.dsl}}");
        if (!dsl.equals("yaml") && !dsl.equals("java")) {
            throw new IllegalArgumentException("example.dsl must be yaml or java, but was '" + dsl + "'");
        }
        // 1. every CSV file of the inbox, one after another in name order (noop: the inbox is kept for the next run)
        from("file:{{pipeline.inbox}}?antInclude=*.csv&initialDelay=0&noop=true&sortBy=file:name")
                .routeId("java-file-pipeline")
                .log(LoggingLevel.INFO, "pipeline",
                        "${header.CamelFileNameOnly}: streaming its lines through parallel:trips")
                .setHeader("pipelineOutput", method("report", "begin"))
                // 2. the file is read line by line as the window frees up; the body becomes a lazy Iterator of
                //    results, in input order, and the route goes on at once
                .to("parallel:trips?progress=true&progressInterval={{pipeline.progress-interval}}&streaming=true"
                        + "&task=#trips")
                // 3. each result is appended to the output file as soon as it is handed out
                .split(body()).streaming()
                    .to("file:{{pipeline.outbox}}?appendChars=\\n&fileExist=Append&fileName=${header.pipelineOutput}")
                .end()
                .bean("report", "done")
                .log(LoggingLevel.INFO, "pipeline", "${header.CamelFileNameOnly}: ${body.deliveredCount()} lines"
                        + " written to ${header.pipelineOutput}, ${body.failedCount()} failed");
    }
}
