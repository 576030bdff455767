package io.github.camelparallel.spi;

/**
 * A backend that reports its state for management, health checks and metrics. Optional: a backend that does not
 * implement it is shown with its parallelism only and is always healthy. Implementations are thread-safe and answer
 * without blocking for long.
 */
public interface ObservableBackend {

    /** A snapshot of the backend's state. */
    BackendStatus status();

    /**
     * Replaces the backend's workers with fresh ones (process pool: idle workers at once, busy ones after their run);
     * a no-op for backends without restartable workers. Returns how many workers will be replaced.
     */
    default int restartWorkers() {
        return 0;
    }
}
