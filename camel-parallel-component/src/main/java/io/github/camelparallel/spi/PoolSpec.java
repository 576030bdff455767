package io.github.camelparallel.spi;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The resolved settings of one named pool, handed to a {@link ParallelBackendFactory}. Immutable.
 *
 * @param name      the pool name ({@code parallel:NAME}); every log line of the pool carries it
 * @param backend   the backend kind, e.g. {@code thread}
 * @param poolSize  the resolved number of concurrent chunks, at least 1
 * @param scheduler a shared timer the backend may use for deadlines; owned by the caller, never shut down by a backend
 * @param settings  backend-specific settings by option name (an executor the user gave, a thread pool profile)
 */
public record PoolSpec(String name, String backend, int poolSize, ScheduledExecutorService scheduler,
        Map<String, Object> settings) {

    public PoolSpec {
        settings = Map.copyOf(settings);
    }

    /** A backend-specific setting, or null. */
    public Object setting(String option) {
        return settings.get(option);
    }
}
