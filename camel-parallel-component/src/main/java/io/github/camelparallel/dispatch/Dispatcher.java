package io.github.camelparallel.dispatch;

import java.util.SortedMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;
import io.github.camelparallel.spi.ItemTask;
import io.github.camelparallel.spi.ParallelBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one batch on a backend: pull → chunk → window → submit → settle → assemble (a list) or hand out (a stream).
 * <p>
 * <b>Guarantees.</b> Every pulled item ends with exactly one outcome: a result, or a failure recorded by its index
 * (a late report for a settled item is ignored). At most {@code maxInFlight} chunks of the batch are dispatched
 * and not done; in streaming mode also at most {@code maxInFlight} chunks of fresh items are dispatched and not yet
 * consumed ({@link StreamResults}), and the input is pulled only then, so it is never read further ahead. The
 * completion callback runs exactly once, outside the lock; the source is closed once the batch is over.
 * <p>
 * <b>Parts.</b> The batch's state and its transitions (the state diagram) are a {@link BatchRun}; the chunks between
 * dispatch and done a {@link ChunkWindow}; filling the window (pulling, the cache, submitting) a {@link ChunkPump};
 * where outcomes go an {@link ItemResults} strategy (a list, or a stream). This class is the entry points, the
 * {@link ChunkListener} the backend reports to, and the one place that decides where the caller's route continues.
 * <p>
 * <b>Where the route continues.</b> The completion callback runs on the caller's thread only when the batch completed
 * synchronously inside {@link #start}; from any other thread (a pool thread, a worker's reader, the timer, a stream's
 * consumer) it is handed to the {@code handoff} executor, so the rest of a route never runs on a backend's or the
 * timer's thread, and no backend needs to mark its threads for it.
 * <p>
 * A <i>small</i> batch ({@link CallerRuns}) runs on its caller inside {@link #start}, in one chunk, on a slot the
 * backend lends ({@link ParallelBackend#runInCallerIfFree}), and completes there; a batch timeout still fires on the
 * timer (the route then continues on a hand-off thread even if the task ignores the interrupt). A stream's chunks
 * expected to be as short run on its consumer when it pumps ({@link CallerRuns#streamedChunksHere}), the same way.
 * <p>
 * In <i>helping</i> mode (the caller is itself a pool thread) the caller runs unclaimed chunks of its own batch
 * instead of parking, so nested batches on a full pool make progress.
 * <p>
 * <b>Thread-safety.</b> All mutable state is guarded by the {@link BatchRun}'s lock. The backend, the source and the
 * callback are called outside it; only one thread at a time submits and pulls.
 */
public final class Dispatcher implements ChunkListener {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final DispatchOptions options;
    private final ParallelBackend backend;
    private final Executor handoff;
    private final BatchSource source;
    private final ItemResults results;
    private final StreamResults stream; // the same object as results when streaming (for the consumer), else null
    private final CacheLookups cache;
    private final BatchRun run;
    private final ChunkPump pump;
    private final CallerRuns callerRuns; // the producer's estimate of its batches' run times (null: none)
    private final IntPredicate consumerRuns; // a stream's chunks (by size) its consumer runs itself; null: none
    private final boolean small; // whether this batch runs on its caller (decided on the caller's thread)
    /** The thread inside {@link #start}, while it is inside it: a batch it completes there continues on it. */
    private volatile Thread caller;
    private Consumer<BatchOutcome> onDone; // guarded by run.lock
    private String stoppedBy; // guarded by run.lock

    /**
     * @param scheduler timer for retry delays and the batch timeout (shared, not owned)
     * @param handoff   runs the completion callback when the batch completes off the caller's thread, and reads a
     *                  lazy input under a batch timeout (shared, not owned)
     * @param source    the batch's items; owned from now on (closed when the batch is over)
     * @param cache     results of earlier runs, looked up before an item is dispatched and stored when it succeeds (null
     *                  for none)
     */
    public Dispatcher(DispatchOptions options, ParallelBackend backend, ItemTask task,
            ScheduledExecutorService scheduler, Executor handoff, BatchSource source, ItemCache cache) {
        this(options, backend, task, scheduler, handoff, source, cache, null);
    }

    /**
     * @param callerRuns the producer's estimate of its batches' run times: a batch it calls small runs on the thread
     *                   that constructs and starts this dispatcher; null never runs one there
     */
    public Dispatcher(DispatchOptions options, ParallelBackend backend, ItemTask task,
            ScheduledExecutorService scheduler, Executor handoff, BatchSource source, ItemCache cache,
            CallerRuns callerRuns) {
        this.options = options;
        this.callerRuns = callerRuns;
        this.small = callerRuns != null && callerRuns.runsHere(options, backend, source.remaining());
        this.backend = backend;
        this.handoff = handoff;
        this.source = source;
        int maxInFlight = BatchShape.maxInFlight(options, backend.capabilities());
        Chunker chunker = BatchShape.chunker(options, backend.capabilities(), small,
                callerRuns == null ? -1 : callerRuns.itemNanos());
        this.stream = options.streaming() ? new StreamResults(options.ordered(), options.errorPolicy(), maxInFlight)
                : null;
        this.results = options.streaming() ? stream
                : new OrderedResults(source.remaining(), options.ordered(), options.errorPolicy());
        this.cache = new CacheLookups(cache, task, options.taskTimeoutMillis());
        this.run = new BatchRun(options, results, task, chunker, maxInFlight, scheduler, source.ended(),
                this::refill);
        boolean readsOffCaller = options.batchTimeoutMillis() > 0 && source.remaining() == Integer.MAX_VALUE;
        this.pump = new ChunkPump(options.poolName(), run, source, backend, this, this.cache, handoff, readsOffCaller,
                this::complete);
        this.consumerRuns = callerRuns == null ? null : callerRuns.streamedChunksHere(options, backend);
    }

    /** Starts the batch; {@code onDone} (may be null) is called once, from whichever thread settles it. */
    public void start(Consumer<BatchOutcome> onDone) {
        boolean finished;
        run.lock.lock();
        try {
            finished = run.startLocked(this::batchTimedOut);
            this.onDone = onDone;
            caller = Thread.currentThread();
        } finally {
            run.lock.unlock();
        }
        if (small) {
            pump.runHereOn(caller);
        }
        try {
            continueAfter(finished, true);
        } finally {
            pump.runHereOn(null);
            caller = null;
        }
    }

    /**
     * Makes the calling thread help while it waits ({@link #runHelping()}, or a stream's consumer): it runs chunks of
     * this batch that no pool thread has claimed yet. Call before {@link #start}; needs a backend that
     * {@code runsInCaller}.
     */
    public void helpWhileWaiting() {
        run.lock.lock();
        try {
            run.window.help();
        } finally {
            run.lock.unlock();
        }
    }

    /** Runs the batch with the calling thread helping, and returns when the batch is done. */
    public BatchOutcome runHelping() {
        helpWhileWaiting();
        start(null);
        run.lock.lock();
        try {
            while (!run.doneLocked()) {
                pump.helpOrAwaitLocked();
            }
            return run.outcomeLocked();
        } finally {
            run.lock.unlock();
        }
        // the source was closed by complete(), run by whoever finished the batch
    }

    /**
     * Streaming: commits what the consumer was handed last, then fills {@code values} and {@code indexes} with the next
     * results it may take ({@link StreamResults#peek}), pumping, helping or waiting until there is at least one; 0 when
     * the stream has ended. A batch that failed as a whole (input unreadable, pool refused, timeout under fail) ends
     * with a {@link StreamResults.Failed}, never quietly. Committing frees window slots, and the next input is pulled
     * for them after unlocking (by the consumer: a chunk it expects to finish sooner here than handed off runs here).
     */
    int take(Object[] values, int[] indexes) {
        boolean freed;
        run.lock.lock();
        try {
            stream.commit();
            freed = stream.takeFreed();
        } finally {
            run.lock.unlock();
        }
        if (freed) {
            pump.pumpAsConsumer(consumerRuns); // before waiting: the freed slots are what lets more input in
        }
        int n;
        run.lock.lock();
        try {
            while ((n = stream.peek(values, indexes)) == 0 && !run.doneLocked()) {
                pump.consumerWaitLocked(consumerRuns, stream.takeFreed());
            }
            BatchFailure failure = run.failureLocked();
            if (n == 0 && failure != null) {
                values[0] = new StreamResults.Failed(failure.cause());
                indexes[0] = failure.index();
                n = 1;
            }
        } finally {
            run.lock.unlock();
        }
        return n;
    }

    /** The batch failure to throw for a failed take: the recorded one when it is about this item. */
    BatchFailure failureAt(int index, Throwable error) {
        BatchFailure failure = run.locked(run::failureLocked);
        return failure != null && failure.index() == index ? failure : new BatchFailure(index, "Item " + index
                + " of a streamed batch on parallel:" + options.poolName() + " failed: " + error, error);
    }

    /**
     * Streaming: the consumer stopped (closed the result iterator, its exchange ended, the route stopped). Running
     * chunks are interrupted, queued ones never run, and the input is closed without being read any further.
     */
    public void stop(String reason) {
        boolean finished;
        run.lock.lock();
        try {
            finished = run.stopByConsumerLocked(reason);
        } finally {
            run.lock.unlock();
        }
        if (finished) {
            complete();
        } else {
            source.close();
        }
    }

    /**
     * Ends a running batch from outside (its pool is shutting down): every item without an outcome fails by index with
     * a {@link RejectedExecutionException} carrying {@code reason}, running chunks are interrupted.
     *
     * @return true when the batch was still running (it is now ended, and {@link #stoppedBy()} says why); false when it
     *         had ended before
     */
    public boolean abort(String reason) {
        boolean finished;
        run.lock.lock();
        try {
            finished = run.abortLocked(new RejectedExecutionException("parallel:" + options.poolName() + " " + reason),
                    reason, BatchRun.EarlyEnd.FAILS_BATCH);
            if (finished) {
                stoppedBy = reason;
            }
        } finally {
            run.lock.unlock();
        }
        if (finished) {
            complete();
        }
        return finished;
    }

    /** How far the batch has got, now (for progress lines and events); callable from any thread. */
    public BatchProgress progress() {
        return run.locked(run::progressLocked);
    }

    /** Why the batch was ended from outside ({@link #abort}), or null when it was not. */
    String stoppedBy() {
        return run.locked(() -> stoppedBy);
    }

    String poolName() {
        return options.poolName();
    }

    /** A stream's counts, for its consumer. */
    StreamCounts counts() {
        return run.locked(() -> run.countsLocked(stream));
    }

    SortedMap<Integer, Throwable> recentErrors() {
        return run.locked(stream::recentErrors);
    }

    @Override
    public void itemDone(Chunk chunk, int offset, Object result, Throwable error) {
        if (error == null) {
            cache.stored(chunk, offset, result); // before settling: a later batch finds it
        }
        BatchRun.Settled settled;
        boolean finished;
        run.lock.lock();
        try {
            settled = run.itemDoneLocked(chunk, offset, result, error);
            finished = run.doneLocked();
        } finally {
            run.lock.unlock();
        }
        if (settled == BatchRun.Settled.IGNORED) {
            return;
        }
        if (settled == BatchRun.Settled.FAILED) {
            cache.failedForGood(chunk, offset, error);
        }
        // a free slot may take a ready retry even while this chunk still runs; a skipped item may free a stream's slot
        continueAfter(finished, settled == BatchRun.Settled.RETRY_NOW
                || (settled == BatchRun.Settled.FAILED && results.consumedWhileRunning()));
    }

    @Override
    public void itemsWritten(Chunk chunk, int fromOffset, int count) {
        itemsDone(chunk, fromOffset, null, count); // null: stored in the chunk's result array (it has no cache)
    }

    @Override
    public void itemsDone(Chunk chunk, int fromOffset, Object[] values, int count) {
        if (values != null) {
            cache.stored(chunk, fromOffset, values, count);
        }
        boolean finished;
        run.lock.lock();
        try {
            if (!run.itemsDoneLocked(chunk, fromOffset, values, count)) {
                return;
            }
            finished = run.doneLocked();
        } finally {
            run.lock.unlock();
        }
        continueAfter(finished, false);
    }

    @Override
    public void chunkDone(Chunk chunk, long runNanos) {
        if (callerRuns != null && chunk.attempt() == 1) {
            callerRuns.record(chunk.size(), runNanos);
        }
        boolean finished;
        run.lock.lock();
        try {
            if (!run.chunkDoneLocked(chunk, runNanos)) {
                return;
            }
            finished = run.doneLocked();
        } finally {
            run.lock.unlock();
        }
        continueAfter(finished, true);
    }

    private void batchTimedOut() {
        boolean finished;
        run.lock.lock();
        try {
            finished = run.abortLocked(new TimeoutException("parallel:" + options.poolName() + " batch timeout of "
                    + options.batchTimeoutMillis() + " ms elapsed"), "the batch timeout of "
                    + options.batchTimeoutMillis() + " ms elapsed", options.errorPolicy() == ErrorPolicy.FAIL
                            ? BatchRun.EarlyEnd.FAILS_BATCH : BatchRun.EarlyEnd.FAILS_ITEMS_ONLY);
        } finally {
            run.lock.unlock();
        }
        if (finished) {
            complete();
        }
    }

    /** A delayed retry is ready: fill the window (called by the run's timer, outside the lock). */
    private void refill() {
        pump.pump();
    }

    /** Outside the lock: completes a finished batch, or refills the window. */
    private void continueAfter(boolean finished, boolean refill) {
        if (finished) {
            complete();
        } else if (refill) {
            pump.pump();
        }
    }

    private void complete() {
        if (pump.runningHere()) {
            return; // the caller's chunk reported its end: the pump completes the batch once the chunk has returned
        }
        source.close();
        Consumer<BatchOutcome> callback;
        BatchOutcome result;
        run.lock.lock();
        try {
            callback = onDone;
            onDone = null;
            result = run.outcomeLocked();
        } finally {
            run.lock.unlock();
        }
        if (callback == null) {
            return;
        }
        // Where the exchange continues is decided here alone: inline only when the batch completed synchronously on
        // the caller's own thread (still inside start()); from any other thread it is handed off.
        if (Thread.currentThread() != caller) {
            try {
                handoff.execute(() -> callback.accept(result));
                return;
            } catch (RejectedExecutionException e) {
                LOG.debug("[{}] completion hand-off refused (stopping); completing on this thread", options.poolName());
            }
        }
        callback.accept(result);
    }
}
