package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.camelparallel.backend.thread.ExecutorBackend;
import io.github.camelparallel.spi.BackendSettings.ThreadSettings;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.ParallelBackendFactory;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ClassResolver;
import org.apache.camel.spi.FactoryFinder;
import org.apache.camel.spi.FactoryFinderResolver;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backends are found by name the Camel way: a {@link ParallelBackendFactory} bean in the registry, or a service file
 * under {@code META-INF/services/io/github/camelparallel/backend/} (the built-ins and the test-only {@code inline});
 * an unknown name fails at route start listing every name found.
 */
class BackendDiscoveryTest {

    /** Doubles a number. */
    public static final class Twice implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            return 2 * x;
        }
    }

    @Test
    void unknownBackendFailsAtStartListingTheNamesFound() throws Exception {
        CamelContext context = TestContexts.create(Map.of("mine", counting(new AtomicInteger())),
                TestContexts.route("direct:in", "parallel:nope?backend=nosuch&task=#class:" + Twice.class.getName()));
        try {
            Exception error = assertThrows(Exception.class, context::start);
            String message = messages(error);
            assertTrue(message.contains("Option backend of parallel:nope must be one of") && message.contains("'nosuch'"),
                    message);
            for (String name : List.of("thread", "virtual", "process", "hazelcast", "inline", "mine")) {
                assertTrue(message.contains(name), name + " missing in: " + message);
            }
        } finally {
            context.stop();
        }
    }

    @Test
    void aFactoryBeanInTheRegistryServesItsName() throws Exception {
        AtomicInteger created = new AtomicInteger();
        CamelContext context = TestContexts.started(Map.of("mine", counting(created)),
                TestContexts.route("direct:in", "parallel:own?backend=mine&poolSize=2&task=#class:"
                        + Twice.class.getName()),
                TestContexts.route("direct:other", "parallel:own?task=#class:" + Twice.class.getName()));
        try {
            Exchange out = TestContexts.send(context, "direct:in", List.of(1, 2, 3, 4, 5));
            assertNull(out.getException());
            assertEquals(List.of(2, 4, 6, 8, 10), out.getMessage().getBody());
            assertEquals(1, created.get(), "one pool for the name, created by the registry's factory");
            PoolSpec spec = context.getComponent("parallel", ParallelComponent.class).getPoolSpec("own");
            assertEquals("mine", spec.backend());
            assertEquals(new ThreadSettings(null, null), spec.settings(), "the default settings kind: thread");
        } finally {
            context.stop();
        }
    }

    @Test
    void aServiceFileBackendRunsABatch() throws Exception {
        CamelContext context = TestContexts.started(Map.of(),
                TestContexts.route("direct:in", "parallel:svc?backend=inline&poolSize=3&task=#class:" + Twice.class.getName()));
        try {
            Exchange out = TestContexts.send(context, "direct:in", List.of(5, 6, 7));
            assertNull(out.getException());
            assertEquals(List.of(10, 12, 14), out.getMessage().getBody());
            assertTrue(TestContexts.threadsNamed("Inline[svc]") > 0, "runs on the inline backend's own threads");
        } finally {
            context.stop();
        }
    }

    /**
     * Camel Quarkus replaces the context's {@link FactoryFinderResolver} with finders that know only the service files
     * found at build time under Camel's own paths; a backend's service file is still found through the class loader.
     */
    @Test
    void aServiceFileIsFoundWhenTheContextsFinderDoesNotKnowThePath() throws Exception {
        CamelContext context = blindToBackendPath("parallel:blind?poolSize=2&task=#class:" + Twice.class.getName());
        try {
            context.start();
            Exchange out = TestContexts.send(context, "direct:in", List.of(1, 2, 3));
            assertNull(out.getException());
            assertEquals(List.of(2, 4, 6), out.getMessage().getBody());
        } finally {
            context.stop();
        }
    }

    @Test
    void aServiceFileNamingAMissingClassFailsAtStartNamingTheFileAndTheClass() throws Exception {
        CamelContext context = blindToBackendPath("parallel:gone?backend=broken&task=#class:" + Twice.class.getName());
        try {
            String message = messages(assertThrows(Exception.class, context::start));
            assertTrue(message.contains(BackendFactories.PATH + "broken")
                    && message.contains("io.github.camelparallel.backend.NoSuchBackendFactory"), message);
        } finally {
            context.stop();
        }
    }

    /** A context routing direct:in to {@code uri} whose finder for the backend service path knows nothing. */
    private static CamelContext blindToBackendPath(String uri) throws Exception {
        CamelContext context = TestContexts.create(Map.of(), TestContexts.route("direct:in", uri));
        FactoryFinderResolver camels = PluginHelper.getFactoryFinderResolver(context);
        context.getCamelContextExtension().addContextPlugin(FactoryFinderResolver.class, new FactoryFinderResolver() {
            @Override
            public FactoryFinder resolveFactoryFinder(ClassResolver resolver, String path) {
                return path.startsWith(BackendFactories.PATH) ? new KnowsNothing(path) : camels.resolveFactoryFinder(resolver, path);
            }

            @Override
            public FactoryFinder resolveBootstrapFactoryFinder(ClassResolver resolver, String path) {
                return camels.resolveBootstrapFactoryFinder(resolver, path);
            }
        });
        return context;
    }

    /** A finder with no entries, as Camel Quarkus' build-time finder is for a path it did not scan. */
    private record KnowsNothing(String getResourcePath) implements FactoryFinder {
        @Override
        public Optional<Object> newInstance(String key) {
            return Optional.empty();
        }

        @Override
        public <T> Optional<T> newInstance(String key, Class<T> type) {
            return Optional.empty();
        }

        @Override
        public Optional<Class<?>> findClass(String key) {
            return Optional.empty();
        }

        @Override
        public Optional<Class<?>> findOptionalClass(String key) {
            return Optional.empty();
        }

        @Override
        public void clear() {
            // nothing cached
        }
    }

    private static ParallelBackendFactory counting(AtomicInteger created) {
        return spec -> {
            created.incrementAndGet();
            ExecutorService[] pool = new ExecutorService[1];
            return new ExecutorBackend(spec.name(), spec.poolSize(),
                    () -> pool[0] = java.util.concurrent.Executors.newFixedThreadPool(spec.poolSize()),
                    executor -> pool[0].shutdownNow(), spec.scheduler());
        };
    }

    static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
