package io.github.camelparallel;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelparallel.spi.BackendSettings;
import io.github.camelparallel.spi.BackendSettings.HazelcastSettings;
import io.github.camelparallel.spi.BackendSettings.ProcessSettings;
import io.github.camelparallel.spi.BackendSettings.ThreadSettings;

/**
 * Builds a pool's typed {@link BackendSettings} from the endpoint's options, once, in the kind the backend's factory
 * reads, and lists a pool's values by option name for the pool-conflict check. The only place that maps endpoint
 * options to backend settings. Stateless.
 */
final class PoolSettings {

    private PoolSettings() {
    }

    static BackendSettings of(ParallelConfiguration c, Class<? extends BackendSettings> type) {
        if (type == ProcessSettings.class) {
            // the worker class is part of a process pool (each worker runs one task class), compared by name
            return new ProcessSettings(className(c.getTask()), c.getCommand(), c.getWorkerClasspath(),
                    c.getWorkerJvmOptions(), c.getJavaHome(), className(c.getInitializer()), env(c.getWorkerEnv()),
                    c.isLazyStart(), c.getMaxTasksPerWorker(), c.getWorkerStartupTimeout(), c.getMaxMessageSize(),
                    c.isWorkerCds(), c.getWorkerCdsDir(), c.getPython(), c.getPythonPath(), c.getPythonExecutable(),
                    ByteSizes.parse("maxWorkerMemory", c.getMaxWorkerMemory()));
        }
        if (type == HazelcastSettings.class) {
            return new HazelcastSettings(className(c.getTask()), c.getMembers(), c.isClientMode(),
                    c.getHazelcastInstance(), c.getClusterName(), c.getHazelcastConfig(), c.getClientConnectTimeout());
        }
        if (type == ThreadSettings.class) {
            return new ThreadSettings(c.getExecutorService(), c.getThreadPoolProfile());
        }
        throw new IllegalArgumentException("unknown backend settings kind " + type.getName());
    }

    /** What endpoints of one name must agree on: backend, poolSize and every settings component, by option name. */
    static Map<String, Object> values(String backend, int poolSize, BackendSettings settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("backend", backend);
        values.put("poolSize", poolSize);
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            try {
                values.put(component.getName(), component.getAccessor().invoke(settings));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
        return values;
    }

    /** A task or initializer given as an instance is compared (and sent to workers) by its class name. */
    private static String className(Object reference) {
        return reference == null || reference instanceof String s ? (String) reference : reference.getClass().getName();
    }

    private static Map<String, String> env(Map<String, Object> env) {
        if (env == null) {
            return null;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        env.forEach((k, v) -> copy.put(k, String.valueOf(v)));
        return copy;
    }
}
