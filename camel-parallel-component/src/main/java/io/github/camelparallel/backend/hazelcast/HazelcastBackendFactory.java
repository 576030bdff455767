package io.github.camelparallel.backend.hazelcast;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;

import io.github.camelparallel.backend.FunctionTaskClass;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.ParallelBackendFactory;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.CamelContext;

/**
 * {@code backend=hazelcast}: checks that Hazelcast is on the classpath (it is an optional dependency) and that the task
 * is a Function class every member can create, then builds a {@link HazelcastBackend} with an I/O pool from Camel's
 * ExecutorServiceManager. Nothing of Hazelcast is loaded before the check, so without it the route fails at start
 * with the dependency to add. Stateless and thread-safe.
 */
public final class HazelcastBackendFactory implements ParallelBackendFactory {

    /** Setting keys: the endpoint options this backend reads from {@link PoolSpec#settings()}. */
    public static final String TASK = "task";
    public static final String MEMBERS = "members";
    public static final String CLIENT_MODE = "clientMode";
    public static final String INSTANCE = "hazelcastInstance";
    public static final String CLUSTER_NAME = "clusterName";
    public static final String CONFIG = "hazelcastConfig";
    public static final String CLIENT_CONNECT_TIMEOUT = "clientConnectTimeout";

    static final String MISSING = "backend=hazelcast needs Hazelcast on the classpath: add the dependency"
            + " com.hazelcast:hazelcast:5.7.0 (Maven: <dependency><groupId>com.hazelcast</groupId>"
            + "<artifactId>hazelcast</artifactId><version>5.7.0</version></dependency>)";

    private final CamelContext context;
    private final Object owner;

    public HazelcastBackendFactory(CamelContext context, Object owner) {
        this.context = context;
        this.owner = owner;
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
        Class<?> taskClass = FunctionTaskClass.resolve(spec.setting(TASK), spec.name(), "hazelcast",
                context.getClassResolver());
        String members = (String) spec.setting(MEMBERS);
        List<String> memberList = members == null || members.isBlank() ? List.of()
                : Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
        boolean clientMode = Boolean.TRUE.equals(spec.setting(CLIENT_MODE));
        Object instance = spec.setting(INSTANCE);
        if (instance != null && !hazelcastInstance(instance)) {
            throw new IllegalArgumentException("Option hazelcastInstance of parallel:" + spec.name() + " must be a"
                    + " com.hazelcast.core.HazelcastInstance, got " + instance.getClass().getName());
        }
        HazelcastPoolSettings settings = new HazelcastPoolSettings(spec.name(), spec.poolSize(), taskClass.getName(),
                FunctionTaskClass.resultType(taskClass), (String) spec.setting(CLUSTER_NAME), memberList, clientMode,
                instance, (String) spec.setting(CONFIG), clientConnectTimeout(spec));
        ExecutorService io = context.getExecutorServiceManager().newCachedThreadPool(owner,
                "ParallelHazelcastIO[" + spec.name() + "]");
        return new HazelcastBackend(settings, spec.scheduler(), io,
                executor -> context.getExecutorServiceManager().shutdownNow(executor));
    }

    private static long clientConnectTimeout(PoolSpec spec) {
        Object value = spec.setting(CLIENT_CONNECT_TIMEOUT);
        long millis = value instanceof Number n ? n.longValue() : HazelcastConfigs.DEFAULT_CLIENT_CONNECT_TIMEOUT_MILLIS;
        if (millis < 0) {
            throw new IllegalArgumentException("Option clientConnectTimeout of parallel:" + spec.name() + " must be 0 (no"
                    + " bound) or a positive duration, but was " + millis + " ms");
        }
        return millis;
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
