package io.github.camelparallel.examples.pdf;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The pdf-to-text route in Java DSL, step for step the same as {@code routes/pdf.camel.yaml}. Both are loaded; the
 * route filter {@code camel.main.route-filter-include-pattern={{example.dsl}}-pdf} keeps the one whose id matches, and
 * this builder refuses any other value of {@code example.dsl}. URI parameters are in name order, as the YAML DSL
 * writes them, so that {@code PdfRoutesParityTest} can compare the two models as they are.
 */
public class PdfRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // without this check an unknown value would filter out both routes and leave the application waiting forever
        String dsl = getContext().resolvePropertyPlaceholders("{{example.dsl}}");
        if (!dsl.equals("yaml") && !dsl.equals("java")) {
            throw new IllegalArgumentException("example.dsl must be yaml or java, but was '" + dsl + "'");
        }
        from("timer:pdf?delay=0&repeatCount=1").routeId("java-pdf")
                // 1. the input folder: write the PDFs that are not there yet, one of them corrupt on purpose
                .bean("documents", "prepare")
                .setProperty("jobs", simple("${body}"))
                // 2. the text of every PDF, extracted by PDFBox in worker JVMs: a corrupt PDF fails alone
                //    (onError=collect), and each worker is replaced by a fresh one after maxTasksPerWorker PDFs
                .to("parallel:pdf-to-text?backend=process&chunkSize={{pdf.chunk-size}}"
                        + "&maxTasksPerWorker={{pdf.max-tasks-per-worker}}&onError=collect&poolSize={{pdf.pool-size}}"
                        + "&task=#class:io.github.camelparallel.examples.pdf.PdfTextExtractor")
                .setBody(method("report", "summary('pdf-to-text', ${exchangeProperty.jobs}, ${body},"
                        + " ${header.CamelParallelErrors}, ${header.CamelParallelElapsed})"))
                .log(LoggingLevel.INFO, "pdf", "${body}");
    }
}
