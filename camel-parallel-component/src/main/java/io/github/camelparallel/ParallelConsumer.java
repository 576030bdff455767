package io.github.camelparallel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * The route {@code from("parallel:NAME")}: the task of every producer of that name without a {@code task} option.
 * Each item is one exchange through the route, run on the pool's thread that holds the item; the item's result is
 * the route's final body. Thread-safe: {@link #runItem} is called by many pool threads at once.
 */
public class ParallelConsumer extends DefaultConsumer {

    public ParallelConsumer(ParallelEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public ParallelEndpoint getEndpoint() {
        return (ParallelEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().getComponent().registerConsumer(this);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().unregisterConsumer(this);
        super.doStop();
    }

    /** Runs one item through the route on the calling thread and returns its final body or throws its failure. */
    Object runItem(Exchange batch, Object item, int index, int attempt) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            TaskResolver.itemExchange(batch, item, index, attempt, exchange);
            getProcessor().process(exchange);
            return TaskResolver.resultOf(exchange);
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
