package io.github.camelparallel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.github.camelparallel.management.PoolManagement;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.ObjectHelper;

/**
 * The {@code parallel:} component: runs one task over every item of a batch on a managed pool, results in input
 * order. Owns the named pools, the routes that serve as tasks ({@code from("parallel:NAME")}) and one shared timer.
 * <p>
 * States follow Camel's service lifecycle: {@link #doStart()} creates the timer and the completion hand-off pool;
 * producers acquire pools while the component runs; {@link #doStop()} shuts down only what it created.
 * Thread-safe: the name registry is synchronized on this component.
 */
@Component("parallel")
public class ParallelComponent extends HealthCheckComponent {

    @Metadata(description = "Component-level defaults for every option; each endpoint gets its own copy.")
    private ParallelConfiguration configuration = new ParallelConfiguration();

    private ParallelPools pools;
    private ScheduledExecutorService scheduler;
    private ExecutorService handoff;
    // guarded by this
    private final Map<String, ParallelConsumer> consumers = new HashMap<>();
    private final Map<String, Integer> taskProducers = new HashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (ObjectHelper.isEmpty(remaining)) {
            throw new IllegalArgumentException("parallel: needs a pool name, e.g. parallel:cube, in " + uri);
        }
        DurationOptions.check(remaining, parameters, getCamelContext().getTypeConverter());
        // the options the URI sets itself, compared with an existing pool of the same name (in any case)
        Set<String> explicitOptions = new HashSet<>(parameters.keySet());
        ParallelEndpoint endpoint = new ParallelEndpoint(uri, this, remaining, configuration.copy(), explicitOptions);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scheduler = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "ParallelTimer", 1);
        handoff = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "ParallelCompletion");
        pools = new ParallelPools(new BackendFactories(getCamelContext()),
                (spec, backend) -> PoolManagement.start(getCamelContext(), spec, backend, isHealthCheckProducerEnabled()));
    }

    @Override
    protected void doStop() throws Exception {
        if (scheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdown(scheduler);
            scheduler = null;
        }
        if (handoff != null) {
            getCamelContext().getExecutorServiceManager().shutdown(handoff);
            handoff = null;
        }
        super.doStop();
    }

    ParallelBackend acquirePool(ParallelEndpoint endpoint) throws Exception {
        return pools.acquire(endpoint, scheduler);
    }

    void releasePool(String name) {
        pools.release(name);
    }

    ScheduledExecutorService getScheduler() {
        return scheduler;
    }

    ExecutorService getHandoff() {
        return handoff;
    }

    /** The statistics, MBean, meters and health check of the running pool of that name, or null. */
    public PoolManagement getPoolManagement(String name) {
        return pools == null ? null : pools.management(name);
    }

    /** The resolved settings of the running pool of that name, or null (for tests and management). */
    public PoolSpec getPoolSpec(String name) {
        return pools == null ? null : pools.spec(name);
    }

    /** The backend of the running pool of that name, or null (for tests and management). */
    public ParallelBackend getPoolBackend(String name) {
        return pools == null ? null : pools.backend(name);
    }

    synchronized void registerConsumer(ParallelConsumer consumer) {
        String name = consumer.getEndpoint().getName();
        if (consumers.containsKey(name)) {
            throw new IllegalStateException("parallel:" + name + " already has a consuming route; one name, one route");
        }
        if (taskProducers.getOrDefault(name, 0) > 0) {
            throw new IllegalStateException(bothTaskAndRoute(name));
        }
        consumers.put(name, consumer);
    }

    synchronized void unregisterConsumer(ParallelConsumer consumer) {
        consumers.remove(consumer.getEndpoint().getName(), consumer);
    }

    synchronized ParallelConsumer consumerFor(String name) {
        return consumers.get(name);
    }

    synchronized void registerTaskProducer(String name) {
        if (consumers.containsKey(name)) {
            throw new IllegalStateException(bothTaskAndRoute(name));
        }
        taskProducers.merge(name, 1, Integer::sum);
    }

    synchronized void unregisterTaskProducer(String name) {
        taskProducers.computeIfPresent(name, (k, n) -> n == 1 ? null : n - 1);
    }

    private static String bothTaskAndRoute(String name) {
        return "parallel:" + name + " has both a task= option and a route from(\"parallel:" + name + "\"): an item can"
                + " have only one task. Remove the task option, or use another name for the route.";
    }

    public ParallelConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ParallelConfiguration configuration) {
        this.configuration = configuration;
    }
}
