package io.github.camelparallel;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.DefaultConsumer;

/**
 * The route {@code from("parallel:NAME")}: the task of every producer of that name without a {@code task} option.
 * Each item is one exchange through the route, run on the pool's thread that holds the item; the item's result is
 * the route's final body. Thread-safe: {@link #runItem} is called by many pool threads at once.
 * <p>
 * Takes part in Camel's graceful shutdown ({@link ShutdownAware}): its stop is deferred until the routes that send
 * batches to it have stopped, and the items it is running count as pending, so a batch in flight is not cut off by its
 * task route stopping first; what the shutdown timeout leaves is failed by index by the producer.
 */
public class ParallelConsumer extends DefaultConsumer implements ShutdownAware {

    /** Items running through the route now. */
    private final AtomicInteger running = new AtomicInteger();

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

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return true; // stop after the routes that feed batches to this task route
    }

    @Override
    public int getPendingExchangesSize() {
        return running.get();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        // nothing to prepare: items running now finish, and the producers fail what their batches have left
    }

    /** Runs one item through the route on the calling thread and returns its final body or throws its failure. */
    Object runItem(Exchange batch, Object item, int index, int attempt) throws Exception {
        Exchange exchange = createExchange(false);
        running.incrementAndGet();
        try {
            TaskResolver.itemExchange(batch, item, index, attempt, exchange);
            getProcessor().process(exchange);
            return TaskResolver.resultOf(exchange);
        } finally {
            running.decrementAndGet();
            releaseExchange(exchange, false);
        }
    }
}
