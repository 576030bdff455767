package io.github.camelparallel;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.github.camelparallel.cache.TaskResultCache;
import io.github.camelparallel.dispatch.BatchItems;
import io.github.camelparallel.dispatch.BatchSource;
import io.github.camelparallel.dispatch.BatchOutcome;
import io.github.camelparallel.dispatch.CallerRuns;
import io.github.camelparallel.spi.ChunkThreads;
import io.github.camelparallel.dispatch.DispatchOptions;
import io.github.camelparallel.dispatch.Dispatcher;
import io.github.camelparallel.dispatch.ResultIterator;
import io.github.camelparallel.management.PoolManagement;
import io.github.camelparallel.spi.ParallelBackend;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.WrappedFile;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Sends the message body, a batch, through the named pool and puts the results back on the message.
 * <p>
 * Asynchronous: the calling thread returns at once and the exchange continues on a completion thread (never on a
 * pool or timer thread) once the last item settles. A small batch (expected to take less than the hand-off,
 * {@link CallerRuns}) runs on the calling thread instead and the exchange continues there, synchronously. One exception: when the caller is itself running a chunk of
 * some pool (a task that sends a nested batch), the batch runs in helping mode on the caller, which runs its own
 * chunks rather than parking, so nested batches complete even on a pool of one thread. Options are validated and the
 * task resolved in {@link #doStart()}, so a bad option fails the route at start.
 * <p>
 * With {@code streaming=true} the exchange continues at once with a {@link ResultIterator} as its body; the batch runs
 * as the iterator is consumed and stops when it is closed, when the exchange fails, or when this producer stops
 * ({@code openStreams}, a concurrent set). Thread-safe.
 */
public class ParallelProducer extends DefaultAsyncProducer {

    private DispatchOptions options;
    private ExchangeTask task;
    private ParallelBackend backend;
    private boolean registeredTask;
    private final Set<ResultIterator> openStreams = ConcurrentHashMap.newKeySet();
    /** Batches in flight (not streamed), failed by index if this producer stops under them. */
    private final Set<Dispatcher> running = ConcurrentHashMap.newKeySet();
    /** How long this producer's batches take, to run small ones on the caller. */
    private final CallerRuns callerRuns = new CallerRuns();
    private PoolManagement management;
    private TaskResultCache cache; // null when cache is off
    private Expression cacheKey; // the cacheKey option, null when unset

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
        Object taskBean = TaskResolver.taskBean(endpoint);
        task = TaskResolver.resolve(endpoint, taskBean);
        cache = ResultCacheResolver.resolve(endpoint, taskBean == null ? null : taskBean.getClass());
        cacheKey = ResultCacheResolver.cacheKey(endpoint, cache);
        if (endpoint.getConfiguration().getTask() != null) {
            endpoint.getComponent().registerTaskProducer(endpoint.getName());
            registeredTask = true;
        }
        try {
            backend = endpoint.getComponent().acquirePool(endpoint);
            management = endpoint.getComponent().getPoolManagement(endpoint.getName());
        } catch (Exception e) {
            unregisterTask();
            throw e;
        }
    }

    @Override
    protected void doStop() throws Exception {
        // a stream still running is cut short and says so (its consumer's next hasNext() throws): it must never look
        // like a finished one; a stream whose batch had finished may still be read to its end
        for (ResultIterator stream : openStreams) {
            stream.stopByProducer("is shutting down: the streamed batch did not finish before its route stopped");
            openStreams.remove(stream);
        }
        // Camel's graceful shutdown waited for in-flight exchanges up to its timeout; what is still running now fails
        // by index, so no exchange waits forever and no item is dropped silently
        for (Dispatcher batch : running) {
            batch.abort("is shutting down: the batch did not finish before its route stopped");
        }
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
        BatchSource source;
        TaskResultCache.Batch batchCache;
        try {
            batchCache = cache == null ? null : cache.forBatch(ResultCacheResolver.batchKey(cacheKey, exchange, getEndpoint()));
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        try {
            Object body = fileOf(exchange);
            Charset charset = charsetOf(exchange);
            String name = getEndpoint().getName();
            if (options.streaming()) {
                source = BatchItems.lazy(body, name, charset);
            } else if (options.batchTimeoutMillis() > 0 && !BatchItems.isInMemory(body)
                    && !(ChunkThreads.insideChunk() && backend.capabilities().runsInCaller())) {
                // the timeout bounds reading the input too: read it off this thread (an input may block)
                ParallelComponent component = getEndpoint().getComponent();
                TimedInputRead.read(name, BatchItems.lazy(body, name, charset), options.batchTimeoutMillis(),
                        component.getHandoff(), component.getScheduler(), (items, leftOrError) -> {
                            if (items == null) {
                                exchange.setException((Throwable) leftOrError);
                                callback.done(false);
                            } else {
                                run(exchange, callback, BatchSource.of(items),
                                        withBatchTimeout(options, (Long) leftOrError), batchCache, false);
                            }
                        });
                return false;
            } else {
                source = BatchSource.of(BatchItems.toList(body, name, charset));
            }
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return run(exchange, callback, source, options, batchCache, true);
    }

    /**
     * Runs the batch; returns whether the exchange completed already. {@code onCallerThread}: called from
     * {@link #process} itself (completion may be synchronous), else from a hand-off thread (always asynchronous).
     */
    private boolean run(Exchange exchange, AsyncCallback callback, BatchSource source, DispatchOptions batchOptions,
            TaskResultCache.Batch batchCache, boolean onCallerThread) {
        Dispatcher dispatcher;
        try {
            ParallelComponent component = getEndpoint().getComponent();
            dispatcher = new Dispatcher(batchOptions, backend, task.forBatch(exchange), component.getScheduler(),
                    component.getHandoff(), source, batchCache, callerRuns);
        } catch (Exception e) {
            source.close();
            exchange.setException(e);
            callback.done(onCallerThread);
            return true;
        }
        ProgressReporter progress = getEndpoint().getConfiguration().isProgress()
                ? ProgressReporter.start(getEndpoint().getComponent(), exchange, dispatcher,
                        getEndpoint().getConfiguration().getProgressInterval())
                : null;
        if (batchOptions.streaming()) {
            stream(exchange, dispatcher, outcome -> finished(dispatcher, outcome, progress, batchCache));
            callback.done(onCallerThread);
            return true;
        }
        if (ChunkThreads.insideChunk() && backend.capabilities().runsInCaller()) {
            BatchOutcome outcome = dispatcher.runHelping();
            finished(dispatcher, outcome, progress, batchCache);
            apply(exchange, outcome, batchCache);
            callback.done(onCallerThread);
            return true;
        }
        running.add(dispatcher);
        Thread starter = onCallerThread ? Thread.currentThread() : null;
        boolean[] state = new boolean[2]; // [0] still inside start(), [1] completed there (on this thread)
        state[0] = true;
        dispatcher.start(outcome -> {
            // only the starting thread, inside start(), sees state[0] true: it ran the batch itself (small batch)
            boolean sync = Thread.currentThread() == starter && state[0];
            state[1] = sync;
            try {
                finished(dispatcher, outcome, progress, batchCache);
                apply(exchange, outcome, batchCache);
            } finally {
                callback.done(sync);
            }
        });
        state[0] = false;
        return state[1];
    }

    /** The options with what is left of the batch timeout after reading the input. */
    private static DispatchOptions withBatchTimeout(DispatchOptions o, long leftMillis) {
        return new DispatchOptions(o.poolName(), o.chunkSize(), o.maxInFlight(), o.ordered(), o.errorPolicy(),
                o.maxRetries(), o.retryDelayMillis(), o.taskTimeoutMillis(), leftMillis, o.streaming());
    }

    /** A batch ended: statistics and meters, the final progress line. */
    private void finished(Dispatcher dispatcher, BatchOutcome outcome, ProgressReporter progress,
            TaskResultCache.Batch batchCache) {
        running.remove(dispatcher);
        PoolManagement watching = management;
        if (watching != null) {
            watching.record(outcome);
            if (batchCache != null) {
                watching.statistics().recordCache(batchCache.hits(), batchCache.misses());
            }
        }
        if (progress != null) {
            progress.finish();
        }
    }

    /** Streaming: the body becomes the lazy results; the batch stops with the exchange or this producer. */
    private void stream(Exchange exchange, Dispatcher dispatcher, Consumer<BatchOutcome> onDone) {
        ResultIterator[] self = new ResultIterator[1];
        ResultIterator results = new ResultIterator(dispatcher,
                failure -> new ParallelTaskException(failure.message(), failure.index(), failure.cause()),
                () -> openStreams.remove(self[0]),
                () -> exchange.getException() != null); // a failed exchange reads on no more (Camel's splitter would)
        self[0] = results;
        openStreams.add(results);
        if (ChunkThreads.insideChunk() && backend.capabilities().runsInCaller()) {
            dispatcher.helpWhileWaiting();
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onFailure(Exchange failed) {
                results.close(); // a failed exchange consumes no more; a completed one may have handed the results on
            }
        });
        Message message = exchange.getMessage();
        for (String header : new String[] { ParallelConstants.SIZE, ParallelConstants.FAILED_COUNT,
                ParallelConstants.RETRIES, ParallelConstants.ELAPSED, ParallelConstants.ERRORS,
                ParallelConstants.CACHE_HITS, ParallelConstants.CACHE_MISSES }) {
            message.removeHeader(header);
        }
        message.setBody(results);
        dispatcher.start(onDone);
    }

    /** A file the file component (or another) picked up, as a File or Path read line by line; else the body. */
    private static Object fileOf(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof WrappedFile<?> wrapped) {
            Object file = wrapped.getFile();
            return file instanceof File || file instanceof Path ? file
                    : exchange.getMessage().getBody(InputStream.class);
        }
        return body;
    }

    private static Charset charsetOf(Exchange exchange) {
        String name = exchange.getProperty(Exchange.CHARSET_NAME, String.class);
        return name != null ? Charset.forName(name) : StandardCharsets.UTF_8;
    }

    private void apply(Exchange exchange, BatchOutcome outcome, TaskResultCache.Batch batchCache) {
        Message message = exchange.getMessage();
        if (batchCache != null) {
            message.setHeader(ParallelConstants.CACHE_HITS, batchCache.hits());
            message.setHeader(ParallelConstants.CACHE_MISSES, batchCache.misses());
        }
        message.setHeader(ParallelConstants.SIZE, outcome.size());
        message.setHeader(ParallelConstants.FAILED_COUNT, (int) outcome.failedCount());
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
