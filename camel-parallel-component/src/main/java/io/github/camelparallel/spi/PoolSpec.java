package io.github.camelparallel.spi;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The resolved settings of one named pool, handed to a {@link ParallelBackendFactory}. Immutable.
 *
 * @param name      the pool name ({@code parallel:NAME}); every log line of the pool carries it
 * @param backend   the backend name, e.g. {@code thread}
 * @param poolSize  the resolved number of concurrent chunks, at least 1
 * @param scheduler a shared timer the backend may use for deadlines; owned by the caller, never shut down by a backend
 * @param settings  the backend's typed options, of the kind its factory asked for
 *                  ({@link ParallelBackendFactory#settingsType()})
 */
public record PoolSpec(String name, String backend, int poolSize, ScheduledExecutorService scheduler,
        BackendSettings settings) {

    public PoolSpec {
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * The settings as the kind a factory reads.
     *
     * @throws IllegalStateException naming the pool and both kinds when the spec carries another kind
     */
    public <S extends BackendSettings> S settings(Class<S> type) {
        if (!type.isInstance(settings)) {
            throw new IllegalStateException("parallel:" + name + " (backend=" + backend + ") was given "
                    + settings.getClass().getSimpleName() + " but its factory reads " + type.getSimpleName());
        }
        return type.cast(settings);
    }
}
