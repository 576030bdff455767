package io.github.camelparallel;

import java.util.List;

import io.github.camelparallel.dispatch.BatchItems;
import io.github.camelparallel.dispatch.BatchOutcome;
import io.github.camelparallel.dispatch.ChunkThreads;
import io.github.camelparallel.dispatch.DispatchOptions;
import io.github.camelparallel.dispatch.Dispatcher;
import io.github.camelparallel.spi.ParallelBackend;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends the message body, a batch, through the named pool and puts the results back on the message.
 * <p>
 * Asynchronous: the calling thread returns at once and the exchange continues on a completion thread (never on a
 * pool or timer thread) once the last item settles. One exception: when the caller is itself running a chunk of
 * some pool (a task that sends a nested batch), the batch runs in helping mode on the caller, which runs its own
 * chunks rather than parking, so nested batches complete even on a pool of one thread. Options are validated and the task resolved in {@link #doStart()}, so a
 * bad option fails the route at start. Thread-safe.
 */
public class ParallelProducer extends DefaultAsyncProducer {

    private DispatchOptions options;
    private ExchangeTask task;
    private ParallelBackend backend;
    private boolean registeredTask;

    public ParallelProducer(ParallelEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ParallelEndpoint getEndpoint() {
        return (ParallelEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ParallelEndpoint endpoint = getEndpoint();
        options = endpoint.getConfiguration().toDispatchOptions(endpoint.getName());
        task = TaskResolver.resolve(endpoint);
        if (endpoint.getConfiguration().getTask() != null) {
            endpoint.getComponent().registerTaskProducer(endpoint.getName());
            registeredTask = true;
        }
        try {
            backend = endpoint.getComponent().acquirePool(endpoint);
        } catch (Exception e) {
            unregisterTask();
            throw e;
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (backend != null) {
            backend = null;
            getEndpoint().getComponent().releasePool(getEndpoint().getName());
        }
        unregisterTask();
        super.doStop();
    }

    private void unregisterTask() {
        if (registeredTask) {
            registeredTask = false;
            getEndpoint().getComponent().unregisterTaskProducer(getEndpoint().getName());
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Dispatcher dispatcher;
        try {
            List<Object> items = BatchItems.toList(exchange.getMessage().getBody(), getEndpoint().getName());
            ParallelComponent component = getEndpoint().getComponent();
            dispatcher = new Dispatcher(options, backend, task.forBatch(exchange), component.getScheduler(),
                    component.getHandoff(), items);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (ChunkThreads.insideChunk() && backend.capabilities().runsInCaller()) {
            apply(exchange, dispatcher.runHelping());
            callback.done(true);
            return true;
        }
        dispatcher.start(outcome -> {
            try {
                apply(exchange, outcome);
            } finally {
                callback.done(false);
            }
        });
        return false;
    }

    private void apply(Exchange exchange, BatchOutcome outcome) {
        Message message = exchange.getMessage();
        message.setHeader(ParallelConstants.SIZE, outcome.size());
        message.setHeader(ParallelConstants.FAILED_COUNT, outcome.failedCount());
        message.setHeader(ParallelConstants.RETRIES, outcome.retries());
        message.setHeader(ParallelConstants.ELAPSED, outcome.elapsedMillis());
        if (!outcome.errors().isEmpty()) {
            message.setHeader(ParallelConstants.ERRORS, outcome.errors());
        } else {
            message.removeHeader(ParallelConstants.ERRORS);
        }
        if (outcome.failure() != null) {
            exchange.setException(new ParallelTaskException(outcome.failure().message(), outcome.failure().index(),
                    outcome.failure().cause()));
        } else {
            message.setBody(outcome.results());
        }
    }
}
