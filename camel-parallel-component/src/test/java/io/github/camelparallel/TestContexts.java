package io.github.camelparallel;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/** Real Camel contexts for the tests: routes and beans in, started context out. */
public final class TestContexts {

    private TestContexts() {
    }

    public static CamelContext started(Map<String, Object> beans, RouteBuilder... routes) throws Exception {
        CamelContext context = create(beans, routes);
        context.start();
        return context;
    }

    public static CamelContext create(Map<String, Object> beans, RouteBuilder... routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        beans.forEach(context.getRegistry()::bind);
        for (RouteBuilder route : routes) {
            context.addRoutes(route);
        }
        return context;
    }

    public static RouteBuilder route(String from, String to) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to);
            }
        };
    }

    /** Sends the body to the endpoint and returns the exchange (exception included, not thrown). */
    public static Exchange send(CamelContext context, String uri, Object body) {
        ProducerTemplate template = context.createProducerTemplate();
        try {
            return template.send(uri, e -> e.getIn().setBody(body));
        } finally {
            try {
                template.stop();
            } catch (Exception ignored) {
                // best effort in tests
            }
        }
    }

    /** Threads whose name contains the fragment. */
    public static long threadsNamed(String fragment) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains(fragment)).count();
    }
}
