package io.github.camelparallel.spi;

/**
 * Creates the backend of one named pool. Each backend name ({@code backend=NAME}) has one factory, found by the Camel
 * layer the Camel way: a {@code ParallelBackendFactory} bean registered under that name, or else a service file
 * {@code META-INF/services/io/github/camelparallel/backend/NAME} holding {@code class=<factory class>}. The four
 * built-in backends ({@code thread}, {@code virtual}, {@code process}, {@code hazelcast}) register through such files
 * too. A factory found by its service file is created with its public no-arg constructor and, when it implements
 * {@code org.apache.camel.CamelContextAware}, given the CamelContext. Stateless and thread-safe.
 */
@FunctionalInterface
public interface ParallelBackendFactory {

    /**
     * @param spec the pool's resolved settings, whose {@link PoolSpec#settings()} is of {@link #settingsType()}
     * @return an unstarted backend
     * @throws IllegalArgumentException or IllegalStateException naming the option when the spec cannot be served
     */
    ParallelBackend create(PoolSpec spec);

    /** Which options this backend reads; the thread ones ({@code executorService}, {@code threadPoolProfile}) unless
     *  it says otherwise. */
    default Class<? extends BackendSettings> settingsType() {
        return BackendSettings.ThreadSettings.class;
    }
}
