package io.github.camelparallel.springboot;

import io.github.camelparallel.ParallelComponent;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Spring Boot auto-configuration of the {@code parallel} component, as camel-spring-boot's starters configure Camel's
 * own components: {@code camel.component.parallel.*} properties are bound to {@link ParallelComponentConfiguration}
 * (a value of the wrong type fails start-up naming the property) and copied onto the component when Camel creates it.
 * <p>
 * It lives in the component jar behind optional dependencies, so a Spring Boot application needs nothing but the
 * component. The outer class names camel-spring-boot only as a string: without camel-spring-boot (a plain Spring Boot
 * application, or no Spring at all) nothing here is loaded; the nested configuration, which uses camel-spring-boot's
 * classes, is read only once that check passed. Stateless: Spring owns the beans.
 */
@AutoConfiguration(afterName = "org.apache.camel.spring.boot.CamelAutoConfiguration", after = ParallelComponentConverter.class)
@ConditionalOnClass(name = "org.apache.camel.spring.boot.CamelAutoConfiguration")
public class ParallelComponentAutoConfiguration {

    /** The customizer, when a CamelContext runs and neither camel.component.enabled nor ...parallel.enabled is false. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
    @EnableConfigurationProperties({ComponentConfigurationProperties.class, ParallelComponentConfiguration.class})
    @ConditionalOnHierarchicalProperties({"camel.component", "camel.component.parallel"})
    static class Customizer {

        @Lazy
        @Bean
        ComponentCustomizer configureParallelComponent(ApplicationContext applicationContext,
                ParallelComponentConfiguration configuration) {
            return new ComponentCustomizer() {
                @Override
                public void configure(String name, Component target) {
                    CamelPropertiesHelper.copyProperties(target.getCamelContext(), configuration, target);
                }

                @Override
                public boolean isEnabled(String name, Component target) {
                    return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                            "camel.component.parallel.customizer") && target instanceof ParallelComponent;
                }
            };
        }
    }
}
