package io.github.camelparallel;

import java.util.Set;

import org.apache.camel.AsyncEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Run one task over every item of the message body in parallel, with the results back in input order.
 */
@UriEndpoint(firstVersion = "1.0.0", scheme = "parallel", title = "Parallel", syntax = "parallel:name",
             category = { Category.CORE }, headersClass = ParallelConstants.class, remote = false)
public class ParallelEndpoint extends DefaultEndpoint implements AsyncEndpoint {

    @UriPath(description = "The pool name. Endpoints with the same name share one pool; a route"
            + " consuming from parallel:name is the task of producers of that name that have no task option.")
    @Metadata(required = true)
    private final String name;

    @UriParam
    private final ParallelConfiguration configuration;

    private final Set<String> explicitPoolOptions;

    ParallelEndpoint(String uri, ParallelComponent component, String name, ParallelConfiguration configuration,
            Set<String> explicitPoolOptions) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
        this.explicitPoolOptions = Set.copyOf(explicitPoolOptions);
    }

    @Override
    public ParallelComponent getComponent() {
        return (ParallelComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new ParallelProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ParallelConsumer consumer = new ParallelConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public String getName() {
        return name;
    }

    public ParallelConfiguration getConfiguration() {
        return configuration;
    }

    /** The option names this endpoint's URI set itself, as written (the pool options among them are compared with an
     *  existing pool of the same name). */
    Set<String> getExplicitPoolOptions() {
        return explicitPoolOptions;
    }
}
