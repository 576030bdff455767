package io.github.camelparallel.springboot;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot application of the Spring tests: every auto-configuration on the test classpath (camel-spring-boot's,
 * the actuator's and the component's own), a route from {@code direct:in} to the URI of {@code test.route} (and from
 * {@code direct:in2} to that of {@code test.route2}, if set), a task bean {@code upper} and a
 * thread pool bean named {@code myPool} (threads named {@code my-pool-N}). Started with the given properties.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SpringBootApps {

    static ConfigurableApplicationContext start(String route, String... properties) {
        return new SpringApplicationBuilder(SpringBootApps.class).web(WebApplicationType.NONE)
                .properties("test.route=" + route, "spring.main.banner-mode=off")
                .properties(properties).run();
    }

    static CamelContext camel(ConfigurableApplicationContext app) {
        return app.getBean(CamelContext.class);
    }

    @Bean
    RouteBuilder routes(org.springframework.core.env.Environment environment) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to(environment.getRequiredProperty("test.route"));
                if (environment.containsProperty("test.route2")) {
                    from("direct:in2").to(environment.getRequiredProperty("test.route2"));
                }
            }
        };
    }

    @Bean
    Function<String, String> upper() {
        return s -> s.toUpperCase(java.util.Locale.ROOT) + "@" + Thread.currentThread().getName();
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService myPool() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return Executors.newFixedThreadPool(2, r -> new Thread(r, "my-pool-" + n.incrementAndGet()));
    }
}
