package io.github.camelparallel.backend.process;

import java.lang.reflect.Type;

/**
 * The resolved settings of one process pool. Immutable.
 *
 * @param poolName             the pool's name, in every log line
 * @param poolSize             worker processes kept alive
 * @param command              how to start one worker
 * @param startupTimeoutMillis how long a worker may take to say hello
 * @param maxTasksPerWorker    items after which a worker is recycled, 0 for never
 * @param lazyStart            start the workers on the first batch instead of at route start
 * @param maxMessageSize       the longest protocol line accepted from a worker, in bytes
 * @param resultType           the task's declared result type when known in this JVM, else null (plain JSON values)
 * @param classArchive         the JVM workers' class data sharing archive, null when it does not apply
 * @param maxWorkerMemory      resident bytes past which a worker is replaced between runs, 0 for no bound
 */
public record ProcessPoolSettings(String poolName, int poolSize, WorkerCommand command, long startupTimeoutMillis,
        int maxTasksPerWorker, boolean lazyStart, int maxMessageSize, Type resultType,
        WorkerClassArchive classArchive, long maxWorkerMemory) {
}
