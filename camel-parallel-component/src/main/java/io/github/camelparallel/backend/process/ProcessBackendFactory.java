package io.github.camelparallel.backend.process;

import java.nio.file.Path;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import io.github.camelparallel.backend.CamelAwareBackendFactory;
import io.github.camelparallel.backend.FunctionTaskClass;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.PoolSpec;
import io.github.camelparallel.spi.BackendSettings.ProcessSettings;

/**
 * {@code backend=process}: builds the worker command from the endpoint's options (a JVM worker for a Function task
 * class, or the user's {@code command}) and a {@link ProcessPoolBackend} with an I/O thread pool from Camel's
 * ExecutorServiceManager. The worker's classpath comes from
 * {@link WorkerClasspath} (whatever the application's packaging). Bad set-up (no task and no command, a task class
 * that is not a Function or has no public no-arg constructor, no classpath that holds the task class) fails here, at
 * route start, naming the class. Registered by its service file
 * ({@code META-INF/services/io/github/camelparallel/backend/process}). Stateless and thread-safe.
 */
public final class ProcessBackendFactory extends CamelAwareBackendFactory {

    /** Found by its service file; Camel's injector sets the context. */
    public ProcessBackendFactory() {
    }

    @Override
    public Class<ProcessSettings> settingsType() {
        return ProcessSettings.class;
    }

    @Override
    public ParallelBackend create(PoolSpec spec) {
        ProcessSettings options = spec.settings(ProcessSettings.class);
        String command = options.command();
        Map<String, String> env = options.workerEnv() == null ? Map.of() : options.workerEnv();
        WorkerCommand workerCommand;
        WorkerClassArchive archive = null;
        Type resultType = null;
        if (command != null && !command.isBlank()) {
            workerCommand = WorkerCommand.external(command, env);
        } else {
            Class<?> taskClass = FunctionTaskClass.resolve(options.task(), spec.name(), "process",
                    getCamelContext().getClassResolver());
            resultType = FunctionTaskClass.resultType(taskClass);
            String initializer = FunctionTaskClass.className(options.initializer());
            WorkerLaunch launch = WorkerClasspath.resolve(spec.name(), options.workerClasspath(),
                    workerClasses(taskClass, initializer));
            workerCommand = WorkerCommand.jvm(options.javaHome(), options.workerJvmOptions(), launch,
                    taskClass.getName(), initializer, options.maxMessageSize(), env);
            if (options.workerCds()) {
                archive = WorkerClassArchive.forJvmWorker(spec.name(), cdsDirectory(options), workerCommand.program(),
                        options.workerJvmOptions(), workerCommand.classpath(), taskClass.getName());
            }
        }
        ProcessPoolSettings settings = new ProcessPoolSettings(spec.name(), spec.poolSize(), workerCommand,
                options.workerStartupTimeout(), options.maxTasksPerWorker(), options.lazyStart(),
                options.maxMessageSize(), resultType, archive);
        ExecutorService io = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this,
                "ParallelWorkerIO[" + spec.name() + "]");
        return new ProcessPoolBackend(settings, spec.scheduler(), io,
                executor -> getCamelContext().getExecutorServiceManager().shutdownNow(executor));
    }

    /** The task class and the initializer class when this JVM has it (a missing one is reported by the worker). */
    private List<Class<?>> workerClasses(Class<?> taskClass, String initializer) {
        Class<?> init = initializer == null ? null : getCamelContext().getClassResolver().resolveClass(initializer);
        return init == null ? List.of(taskClass) : List.of(taskClass, init);
    }

    /** {@code workerCdsDir}, or its default ${user.home}/.cache/camel-parallel/cds. */
    private static Path cdsDirectory(ProcessSettings options) {
        String dir = options.workerCdsDir();
        return dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "camel-parallel", "cds");
    }

}
