package io.github.camelparallel.backend.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import io.github.camelparallel.backend.FunctionTaskClass;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.ParallelBackendFactory;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.CamelContext;

/**
 * {@code backend=process}: builds the worker command from the endpoint's options (a JVM worker for a Function task
 * class, or the user's {@code command}) and a {@link ProcessPoolBackend} with an I/O thread pool from Camel's
 * ExecutorServiceManager. Bad set-up (no task and no command, a task class that is not a Function or has no public
 * no-arg constructor) fails here, at route start, naming the class. Stateless and thread-safe.
 */
public final class ProcessBackendFactory implements ParallelBackendFactory {

    /** Setting keys: the endpoint options this backend reads from {@link PoolSpec#settings()}. */
    public static final String TASK = "task";
    public static final String COMMAND = "command";
    public static final String WORKER_CLASSPATH = "workerClasspath";
    public static final String WORKER_JVM_OPTIONS = "workerJvmOptions";
    public static final String JAVA_HOME = "javaHome";
    public static final String INITIALIZER = "initializer";
    public static final String WORKER_ENV = "workerEnv";
    public static final String LAZY_START = "lazyStart";
    public static final String MAX_TASKS_PER_WORKER = "maxTasksPerWorker";
    public static final String WORKER_STARTUP_TIMEOUT = "workerStartupTimeout";
    public static final String MAX_MESSAGE_SIZE = "maxMessageSize";
    public static final String WORKER_CDS = "workerCds";
    public static final String WORKER_CDS_DIR = "workerCdsDir";

    private final CamelContext context;
    private final Object owner;

    public ProcessBackendFactory(CamelContext context, Object owner) {
        this.context = context;
        this.owner = owner;
    }

    @Override
    public ParallelBackend create(PoolSpec spec) {
        String command = (String) spec.setting(COMMAND);
        Map<String, String> env = new LinkedHashMap<>();
        Object envSetting = spec.setting(WORKER_ENV);
        if (envSetting instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        int maxMessageSize = (Integer) spec.settings().getOrDefault(MAX_MESSAGE_SIZE, 64 * 1024 * 1024);
        WorkerCommand workerCommand;
        WorkerClassArchive archive = null;
        java.lang.reflect.Type resultType = null;
        if (command != null && !command.isBlank()) {
            workerCommand = WorkerCommand.external(command, env);
        } else {
            Class<?> taskClass = FunctionTaskClass.resolve(spec.setting(TASK), spec.name(), "process",
                    context.getClassResolver());
            resultType = FunctionTaskClass.resultType(taskClass);
            String initializer = FunctionTaskClass.className(spec.setting(INITIALIZER));
            workerCommand = WorkerCommand.jvm((String) spec.setting(JAVA_HOME), (String) spec.setting(WORKER_JVM_OPTIONS),
                    (String) spec.setting(WORKER_CLASSPATH), taskClass.getName(), initializer, maxMessageSize, env);
            if (!Boolean.FALSE.equals(spec.setting(WORKER_CDS))) {
                archive = WorkerClassArchive.forJvmWorker(spec.name(), cdsDirectory(spec), workerCommand.program(),
                        (String) spec.setting(WORKER_JVM_OPTIONS), workerCommand.classpath(), taskClass.getName());
            }
        }
        ProcessPoolSettings settings = new ProcessPoolSettings(spec.name(), spec.poolSize(), workerCommand,
                (Long) spec.settings().getOrDefault(WORKER_STARTUP_TIMEOUT, 30_000L),
                (Integer) spec.settings().getOrDefault(MAX_TASKS_PER_WORKER, 0),
                Boolean.TRUE.equals(spec.setting(LAZY_START)), maxMessageSize, resultType, archive);
        ExecutorService io = context.getExecutorServiceManager().newCachedThreadPool(owner,
                "ParallelWorkerIO[" + spec.name() + "]");
        return new ProcessPoolBackend(settings, spec.scheduler(), io,
                executor -> context.getExecutorServiceManager().shutdownNow(executor));
    }

    private static Path cdsDirectory(PoolSpec spec) {
        String dir = (String) spec.setting(WORKER_CDS_DIR);
        return dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "camel-parallel", "cds");
    }

}
