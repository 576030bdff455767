package io.github.camelparallel.springboot;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * In a Spring Boot application without camel-spring-boot (its classes hidden from the application's class loader),
 * the component's auto-configurations stand aside: the application starts, with none of their beans.
 */
class WithoutCamelSpringBootTest {

    /** The test class path less camel-spring-boot's classes and files (its spring.factories). */
    private static final class WithoutCamelSpringBoot extends ClassLoader {
        WithoutCamelSpringBoot() {
            super(WithoutCamelSpringBootTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.apache.camel.spring.boot.")) {
                throw new ClassNotFoundException(name + " (hidden by the test)");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public java.net.URL getResource(String name) {
            java.net.URL url = super.getResource(name);
            return url == null || fromCamelSpringBoot(url) ? null : url;
        }

        @Override
        public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
            java.util.List<java.net.URL> urls = new java.util.ArrayList<>(java.util.Collections.list(super.getResources(name)));
            urls.removeIf(WithoutCamelSpringBoot::fromCamelSpringBoot);
            return java.util.Collections.enumeration(urls);
        }

        private static boolean fromCamelSpringBoot(java.net.URL url) {
            return url.toString().contains("/camel-spring-boot-");
        }
    }

    /** An application with every auto-configuration its class path lists. */
    @org.springframework.boot.SpringBootConfiguration
    @org.springframework.boot.autoconfigure.EnableAutoConfiguration
    static class Application {
    }

    @Test
    void theAutoConfigurationsStandAsideWithoutCamelSpringBoot() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
                .resourceLoader(new DefaultResourceLoader(new WithoutCamelSpringBoot()))
                .properties("camel.component.parallel.pool-size=3", "spring.main.banner-mode=off").run()) {
            assertEquals(0, app.getBeanNamesForType(ParallelComponentConverter.class).length);
            assertEquals(0, app.getBeanNamesForType(ParallelComponentConfiguration.class).length);
        }
    }
}
