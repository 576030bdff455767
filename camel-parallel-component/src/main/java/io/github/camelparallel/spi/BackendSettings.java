package io.github.camelparallel.spi;

import java.util.Map;
import java.util.concurrent.ExecutorService;

import io.github.camelparallel.protocol.LineReader;

/**
 * The typed, immutable options of one pool that its backend reads, built once by the Camel layer from the endpoint's
 * options. A factory says which kind it reads ({@link ParallelBackendFactory#settingsType()}); a third party's backend
 * picks one of the three kinds. Record components are named exactly as the endpoint options they come from, so the
 * pool-conflict check can compare them by component and name the option that differs.
 */
public sealed interface BackendSettings {

    /**
     * {@code backend=thread} and {@code virtual} (and the default for any other backend).
     *
     * @param executorService   the user's own pool ({@code executorService=#ref}), or null
     * @param threadPoolProfile the id of a Camel thread pool profile, or null
     */
    record ThreadSettings(ExecutorService executorService, String threadPoolProfile) implements BackendSettings {
    }

    /**
     * {@code backend=process}. Defaults are the endpoint options' defaults ({@link #DEFAULT_MAX_MESSAGE_SIZE},
     * {@link #DEFAULT_WORKER_STARTUP_TIMEOUT}); optional text options are null when unset.
     *
     * @param task        the JVM workers' Function class name (or reference text), null with a {@code command}
     * @param initializer the JVM workers' Runnable class name (or reference text), or null
     * @param workerEnv   environment entries added for the workers, null when none
     * @param python      the Python function (module:function) of python workers, or null
     * @param maxWorkerMemory resident bytes past which a worker is replaced between runs, 0 for no bound
     */
    record ProcessSettings(String task, String command, String workerClasspath, String workerJvmOptions,
            String javaHome, String initializer, Map<String, String> workerEnv, boolean lazyStart,
            int maxTasksPerWorker, long workerStartupTimeout, int maxMessageSize, boolean workerCds,
            String workerCdsDir, String python, String pythonPath, String pythonExecutable,
            long maxWorkerMemory) implements BackendSettings {

        /** The default of {@code maxMessageSize}: 64 MiB. */
        public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
        /** The default of {@code workerStartupTimeout}: 30 s. */
        public static final long DEFAULT_WORKER_STARTUP_TIMEOUT = 30_000L;

        public ProcessSettings {
            workerEnv = workerEnv == null || workerEnv.isEmpty() ? null : Map.copyOf(workerEnv);
            if (maxWorkerMemory < 0) {
                throw new IllegalArgumentException("Option maxWorkerMemory must be 0 (no bound) or more but was "
                        + maxWorkerMemory);
            }
            if (maxTasksPerWorker < 0) {
                throw new IllegalArgumentException("Option maxTasksPerWorker must be >= 0 but was " + maxTasksPerWorker);
            }
            if (workerStartupTimeout < 0) {
                throw new IllegalArgumentException("Option workerStartupTimeout must be 0 (no bound) or more but was "
                        + workerStartupTimeout);
            }
            if (maxMessageSize < 1024) {
                throw new IllegalArgumentException("Option maxMessageSize must be at least 1024 bytes but was "
                        + maxMessageSize);
            }
            if (maxMessageSize > LineReader.MAX_LINE_BYTES) {
                // the upper bound is the line reader's: a larger value would only fail when the first worker starts
                throw new IllegalArgumentException("Option maxMessageSize must be between 1024 and "
                        + LineReader.MAX_LINE_BYTES + " bytes but was " + maxMessageSize);
            }
        }
    }

    /**
     * {@code backend=hazelcast}.
     *
     * @param task                 the members' Function class name (or reference text), or null
     * @param members              comma-separated host:port, or null
     * @param hazelcastInstance    the user's own HazelcastInstance (checked by the factory), or null
     * @param clientConnectTimeout milliseconds, 0 for no bound ({@link #DEFAULT_CLIENT_CONNECT_TIMEOUT})
     */
    record HazelcastSettings(String task, String members, boolean clientMode, Object hazelcastInstance,
            String clusterName, String hazelcastConfig, long clientConnectTimeout) implements BackendSettings {

        /** The default of {@code clientConnectTimeout}: 30 s. */
        public static final long DEFAULT_CLIENT_CONNECT_TIMEOUT = 30_000L;
    }
}
