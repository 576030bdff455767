package io.github.camelparallel.spi;

/**
 * Creates the backend of one named pool. Each backend kind ({@code thread}, {@code virtual}, later {@code process}
 * and {@code hazelcast}) has one factory; the Camel layer picks it by the endpoint's {@code backend} option.
 * Stateless and thread-safe.
 */
@FunctionalInterface
public interface ParallelBackendFactory {

    /**
     * @param spec the pool's resolved settings
     * @return an unstarted backend
     * @throws IllegalArgumentException or IllegalStateException naming the option when the spec cannot be served
     */
    ParallelBackend create(PoolSpec spec);
}
