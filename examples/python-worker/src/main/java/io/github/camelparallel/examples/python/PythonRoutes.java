package io.github.camelparallel.examples.python;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The python-worker route in Java DSL, step for step the same as {@code routes/python.camel.yaml}. Both are loaded;
 * the route filter {@code camel.main.route-filter-include-pattern={{example.dsl}}-python} keeps the one whose id
 * matches, and this builder refuses any other value of {@code example.dsl}. URI parameters are in name order, as the
 * YAML DSL writes them, so that {@code PythonRoutesParityTest} can compare the two models as they are.
 */
public class PythonRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // without this check an unknown value would filter out both routes and leave the application waiting forever
        String dsl = getContext().resolvePropertyPlaceholders("{{example.dsl}}");
        if (!dsl.equals("yaml") && !dsl.equals("java")) {
            throw new IllegalArgumentException("example.dsl must be yaml or java, but was '" + dsl + "'");
        }
        from("timer:python?delay=0&repeatCount=1").routeId("java-python")
                .choice()
                    // 1. Python is there: the samples go to a pool of python3 workers, each calling the plain function
                    //    describe() of stats_worker.py (found in pythonPath) on its items
                    .when(method("python", "available"))
                        .bean("samples", "batch({{python.samples}}, {{python.sample-size}})")
                        .setProperty("samples", simple("${body}"))
                        .to("parallel:describe?backend=process&lazyStart=true&poolSize={{python.pool-size}}"
                                + "&python={{python.function}}&pythonExecutable={{python.executable}}"
                                + "&pythonPath={{python.path}}&workerEnv.PYTHONDONTWRITEBYTECODE=1")
                        .setBody(method("report", "check('describe', ${exchangeProperty.samples}, ${body},"
                                + " ${header.CamelParallelElapsed})"))
                        .log(LoggingLevel.INFO, "python", "${body}")
                    // 2. no Python: say so and why, and end normally (the workers start lazily, so none was started)
                    .otherwise()
                        .log(LoggingLevel.WARN, "python", "skipped: ${bean:python?method=getProblem}."
                                + " This example needs Python 3.8 or newer: install python3, or set python.executable"
                                + " (PYTHON_EXECUTABLE) to a Python 3 interpreter.")
                .end();
    }
}
