package io.github.camelparallel.examples.quarkus;

import java.util.List;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Once the application has started (and so its routes and their pools), sends {@code cubes.count} to the route of
 * each backend in {@code cubes.backends}, one after the other, then stops the application: exit code 0 when every
 * batch returned, non-zero when one failed.
 */
@ApplicationScoped
public class CubesOnStart {

    void onStart(@Observes StartupEvent event, ProducerTemplate producer,
            @ConfigProperty(name = "cubes.count") int count,
            @ConfigProperty(name = "cubes.backends") List<String> backends) {
        for (String backend : backends) {
            producer.sendBody("direct:" + backend + "-cubes", count);
        }
        Quarkus.asyncExit(0);
    }
}
