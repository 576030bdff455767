package io.github.camelparallel.backend.hazelcast;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;

import io.github.camelparallel.backend.CamelAwareBackendFactory;
import io.github.camelparallel.backend.FunctionTaskClass;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.PoolSpec;
import io.github.camelparallel.spi.BackendSettings.HazelcastSettings;

/**
 * {@code backend=hazelcast}: checks that Hazelcast is on the classpath (it is an optional dependency) and that the task
 * is a Function class every member can create, then builds a {@link HazelcastBackend} with an I/O pool from Camel's
 * ExecutorServiceManager. Nothing of Hazelcast is loaded before the check, so without it the route fails at start
 * with the dependency to add. Registered by its service file
 * ({@code META-INF/services/io/github/camelparallel/backend/hazelcast}). Stateless and thread-safe.
 */
public final class HazelcastBackendFactory extends CamelAwareBackendFactory {

    static final String MISSING = "backend=hazelcast needs Hazelcast on the classpath: add the dependency"
            + " com.hazelcast:hazelcast:5.7.0 (Maven: <dependency><groupId>com.hazelcast</groupId>"
            + "<artifactId>hazelcast</artifactId><version>5.7.0</version></dependency>)";

    /** Found by its service file; Camel's injector sets the context. */
    public HazelcastBackendFactory() {
    }

    @Override
    public Class<HazelcastSettings> settingsType() {
        return HazelcastSettings.class;
    }

    /** Whether Hazelcast can be loaded here. */
    public static boolean hazelcastPresent(ClassLoader loader) {
        try {
            Class.forName("com.hazelcast.core.HazelcastInstance", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public ParallelBackend create(PoolSpec spec) {
        if (!hazelcastPresent(HazelcastBackendFactory.class.getClassLoader())) {
            throw new IllegalStateException("parallel:" + spec.name() + ": " + MISSING);
        }
        HazelcastSettings options = spec.settings(HazelcastSettings.class);
        Class<?> taskClass = FunctionTaskClass.resolve(options.task(), spec.name(), "hazelcast",
                getCamelContext().getClassResolver());
        String members = options.members();
        List<String> memberList = members == null || members.isBlank() ? List.of()
                : Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
        Object instance = options.hazelcastInstance();
        if (instance != null && !hazelcastInstance(instance)) {
            throw new IllegalArgumentException("Option hazelcastInstance of parallel:" + spec.name() + " must be a"
                    + " com.hazelcast.core.HazelcastInstance, got " + instance.getClass().getName());
        }
        if (options.clientConnectTimeout() < 0) {
            throw new IllegalArgumentException("Option clientConnectTimeout of parallel:" + spec.name() + " must be 0 (no"
                    + " bound) or a positive duration, but was " + options.clientConnectTimeout() + " ms");
        }
        HazelcastPoolSettings settings = new HazelcastPoolSettings(spec.name(), spec.poolSize(), taskClass.getName(),
                FunctionTaskClass.resultType(taskClass), options.clusterName(), memberList, options.clientMode(),
                instance, options.hazelcastConfig(), options.clientConnectTimeout());
        ExecutorService io = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this,
                "ParallelHazelcastIO[" + spec.name() + "]");
        return new HazelcastBackend(settings, spec.scheduler(), io,
                executor -> getCamelContext().getExecutorServiceManager().shutdownNow(executor));
    }

    private static boolean hazelcastInstance(Object instance) {
        try {
            return Class.forName("com.hazelcast.core.HazelcastInstance", false, instance.getClass().getClassLoader())
                    .isInstance(instance);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
