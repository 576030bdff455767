package io.github.camelparallel.backend.inline;

import java.util.concurrent.ExecutorService;

import io.github.camelparallel.backend.CamelAwareBackendFactory;
import io.github.camelparallel.backend.thread.ExecutorBackend;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.PoolSpec;

/**
 * {@code backend=inline}: a test-only backend registered the way a third party would, by the service file
 * {@code META-INF/services/io/github/camelparallel/backend/inline} in the test resources, with no change to the
 * component. It runs chunks on a small fixed pool from Camel's ExecutorServiceManager, named {@code Inline[NAME]}.
 */
public class InlineBackendFactory extends CamelAwareBackendFactory {

    @Override
    public ParallelBackend create(PoolSpec spec) {
        int threads = Math.min(spec.poolSize(), 4);
        return new ExecutorBackend(spec.name(), threads,
                () -> getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "Inline[" + spec.name() + "]", threads),
                executor -> getCamelContext().getExecutorServiceManager().shutdownNow((ExecutorService) executor),
                spec.scheduler());
    }
}
