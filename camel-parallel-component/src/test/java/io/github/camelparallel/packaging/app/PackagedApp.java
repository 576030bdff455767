package io.github.camelparallel.packaging.app;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * An application as users package it (a Spring Boot fat jar, a child class loader like the Camel CLI's): starts a
 * Camel context with two {@code backend=process} routes whose tasks declare {@code Long} and a record holding a
 * {@code BigDecimal}, prints each batch's results with their classes and the first worker's command line, then stops.
 * Arguments: the class data sharing folder, then optionally a folder of compiled classes and the name of a task class
 * in it, loaded by a class loader of their own (as the Camel CLI loads a route's {@code .java} sources), for a third
 * route.
 */
public final class PackagedApp {

    private PackagedApp() {
    }

    public static void main(String[] args) throws Exception {
        String cds = args.length > 0 ? "&workerCdsDir=" + args[0] : "";
        CamelContext context = new DefaultCamelContext();
        String sourceTask = args.length > 2 ? args[2] : null;
        if (sourceTask != null) {
            context.setApplicationContextClassLoader(new URLClassLoader("sources",
                    new URL[] { Path.of(args[1]).toUri().toURL() }, PackagedApp.class.getClassLoader()));
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:square").to("parallel:square?backend=process&poolSize=2&task=#class:"
                        + Square.class.getName() + cds);
                from("direct:price").to("parallel:price?backend=process&poolSize=1&task=#class:"
                        + PriceTag.class.getName() + cds);
                if (sourceTask != null) {
                    from("direct:source").to("parallel:source?backend=process&poolSize=1&task=#class:" + sourceTask
                            + cds);
                }
            }
        });
        context.start();
        try {
            List<?> squares = context.createProducerTemplate().requestBody("direct:square", List.of(1, 2, 3), List.class);
            System.out.println("SQUARES " + squares + " " + squares.get(2).getClass().getName());
            List<?> prices = context.createProducerTemplate().requestBody("direct:price", List.of(1, 3), List.class);
            System.out.println("PRICES " + prices + " " + prices.get(1).getClass().getName());
            if (sourceTask != null) {
                List<?> shouts = context.createProducerTemplate().requestBody("direct:source", List.of("a", "b"),
                        List.class);
                System.out.println("SOURCE " + shouts);
            }
            ProcessPoolBackend pool = (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class)
                    .getPoolBackend("square");
            Path cmdline = Path.of("/proc", Long.toString(pool.workerPids().get(0)), "cmdline");
            if (Files.isReadable(cmdline)) {
                System.out.println("WORKER " + Files.readString(cmdline).replace('\0', ' '));
            }
        } finally {
            context.stop();
        }
        System.out.println("STOPPED");
    }
}
