package io.github.camelparallel.backend.process;

/**
 * An item failed because the worker process running it died (exit, signal, out of memory) while it ran alone, so
 * the item itself is the cause. The message names the exit code or signal and the worker's last stderr lines.
 * Immutable.
 */
public class WorkerCrashedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkerCrashedException(String message) {
        super(message);
    }
}
