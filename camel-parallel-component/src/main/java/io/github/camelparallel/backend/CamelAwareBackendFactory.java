package io.github.camelparallel.backend;

import io.github.camelparallel.spi.ParallelBackendFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * The part every built-in backend factory shares: it is found by its service file and created by Camel's injector,
 * which hands it the CamelContext it creates pools for (thread pools go through that context's
 * {@code ExecutorServiceManager}, references resolve in its registry). A factory of a third party may extend it too.
 * The context is set once, before the first {@link #create}; thread-safe afterwards.
 */
public abstract class CamelAwareBackendFactory implements ParallelBackendFactory, CamelContextAware {

    private volatile CamelContext context;

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }
}
