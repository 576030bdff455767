package io.github.camelparallel.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;
import io.github.camelparallel.spi.ItemTask;
import io.github.camelparallel.spi.ParallelBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one batch on a backend: chunk → window → submit → settle → assemble.
 * <p>
 * <b>Guarantees.</b> Every item ends with exactly one outcome: a result, or a failure recorded by its index
 * (a late report for a settled item is ignored). At most {@code maxInFlight} chunks of the batch are dispatched
 * and not done. Results are assembled in input order ({@code ordered=true}) or completion order. The completion
 * callback runs exactly once, outside the lock.
 * <p>
 * <b>States.</b>
 * <pre>
 *   RUNNING --last item settled------------------------> DONE (outcome without failure, or per onError)
 *   RUNNING --item failed after retries, onError=fail--> DONE (failure; unstarted chunks cancelled)
 *   RUNNING --batch timeout----------------------------> DONE (unfinished items fail by index; running chunks
 *                                                              interrupted)
 *   RUNNING --backend rejected a chunk / caller interrupted--> DONE (failure; unfinished items fail by index)
 * </pre>
 * The completion callback runs on the caller's thread only when the caller completed the batch itself; from a pool
 * or timer thread it is handed to the {@code handoff} executor, so the rest of a route never runs on a pool thread.
 * <p>
 * A failed attempt with retries left becomes a single-item retry chunk, queued after {@code retryDelay}; it
 * takes a window slot like any chunk. In <i>helping</i> mode ({@link #runHelping()}, used when the caller is
 * itself a pool thread) the caller runs unclaimed chunks of its own batch instead of parking, so nested batches
 * on a full pool always make progress.
 * <p>
 * <b>Thread-safety.</b> All mutable fields are guarded by {@code lock}. The backend is called outside it.
 */
public final class Dispatcher implements ChunkListener {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private enum State { CREATED, RUNNING, DONE }

    private final DispatchOptions options;
    private final ParallelBackend backend;
    private final ItemTask task;
    private final ScheduledExecutorService scheduler;
    private final Executor handoff;
    private final List<Object> items;
    private final int size;
    private final int maxInFlight;
    private final Chunker chunker;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // all guarded by lock
    private State state = State.CREATED;
    private boolean helping;
    private int nextIndex;
    private final Set<Chunk> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ArrayDeque<Chunk> readyRetries = new ArrayDeque<>();
    private final ArrayDeque<Chunk> unclaimed = new ArrayDeque<>();
    private final ArrayDeque<Chunk> toSubmit = new ArrayDeque<>();
    private boolean submitting;
    private final OrderedResults results;
    private int retries;
    private long startNanos;
    private ScheduledFuture<?> batchTimer;
    private BatchFailure failure;
    private BatchOutcome outcome;
    private Consumer<BatchOutcome> onDone;

    /**
     * @param scheduler timer for retry delays and the batch timeout (shared, not owned)
     * @param handoff   runs the completion callback when the batch completes on a timer thread (shared, not owned)
     */
    public Dispatcher(DispatchOptions options, ParallelBackend backend, ItemTask task,
            ScheduledExecutorService scheduler, Executor handoff, List<Object> items) {
        this.options = options;
        this.backend = backend;
        this.task = task;
        this.scheduler = scheduler;
        this.handoff = handoff;
        this.items = items;
        this.size = items.size();
        int parallelism = backend.capabilities().parallelism();
        this.maxInFlight = options.maxInFlight() > 0 ? options.maxInFlight() : 2 * parallelism;
        this.chunker = options.chunkSize() > 0
                ? Chunker.fixed(options.chunkSize())
                : new AutoChunker(parallelism, backend.capabilities().minChunkNanos(),
                        backend.capabilities().maxChunkNanos());
        this.results = new OrderedResults(size, options.ordered(), options.errorPolicy());
    }

    /** Starts the batch; {@code onDone} is called once, from whichever thread settles it. */
    public void start(Consumer<BatchOutcome> onDone) {
        boolean finished;
        lock.lock();
        try {
            if (state != State.CREATED) {
                throw new IllegalStateException("batch already started on parallel:" + options.poolName());
            }
            this.onDone = onDone;
            state = State.RUNNING;
            startNanos = System.nanoTime();
            if (options.batchTimeoutMillis() > 0) {
                batchTimer = scheduler.schedule(TimerThreads.wrap(this::batchTimedOut), options.batchTimeoutMillis(), TimeUnit.MILLISECONDS);
            }
            finished = finishIfAllSettledLocked();
        } finally {
            lock.unlock();
        }
        continueAfter(finished, true);
    }

    /**
     * Runs the batch with the calling thread helping: it runs chunks of this batch that no pool thread has
     * claimed yet and returns when the batch is done. Needs a backend that {@code runsInCaller}.
     */
    public BatchOutcome runHelping() {
        lock.lock();
        try {
            helping = true;
        } finally {
            lock.unlock();
        }
        start(null);
        lock.lock();
        try {
            while (state != State.DONE) {
                Chunk chunk = unclaimed.poll();
                if (chunk != null) {
                    lock.unlock();
                    try {
                        if (chunk.tryClaim()) {
                            backend.runInCaller(chunk, this);
                        }
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abortLocked(e, "the calling thread was interrupted", true);
                }
            }
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fills the window with retry chunks first, then new chunks, and hands them to the backend in the order they
     * were taken. Only one thread submits at a time ({@code submitting}), so chunks reach the backend in index
     * order even when a pool thread pumps while the caller is still submitting the first window.
     */
    private void pump() {
        lock.lock();
        try {
            boolean added = false;
            while (state == State.RUNNING && inFlight.size() < maxInFlight) {
                Chunk chunk = readyRetries.poll();
                if (chunk == null) {
                    chunk = nextNewChunkLocked();
                }
                if (chunk == null) {
                    break;
                }
                inFlight.add(chunk);
                toSubmit.add(chunk);
                added = true;
                if (helping) {
                    unclaimed.add(chunk);
                }
            }
            if (helping && added) {
                changed.signalAll();
            }
            if (submitting) {
                return; // the thread already submitting takes ours too, in order
            }
            submitting = true;
        } finally {
            lock.unlock();
        }
        while (true) {
            Chunk chunk;
            lock.lock();
            try {
                chunk = state == State.RUNNING ? toSubmit.poll() : null;
                if (chunk == null) {
                    toSubmit.clear();
                    submitting = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            LOG.trace("[{}] submit {}", options.poolName(), chunk);
            try {
                backend.execute(chunk, this);
            } catch (RuntimeException e) {
                rejected(chunk, e);
            }
        }
    }

    private Chunk nextNewChunkLocked() {
        if (nextIndex >= size) {
            return null;
        }
        int n = chunker.nextSize(size - nextIndex);
        Chunk chunk = new Chunk(nextIndex, items.subList(nextIndex, nextIndex + n), 1, task,
                options.taskTimeoutMillis());
        nextIndex += n;
        return chunk;
    }

    @Override
    public void itemDone(Chunk chunk, int offset, Object result, Throwable error) {
        boolean finished;
        boolean retryReady = false;
        lock.lock();
        try {
            if (state != State.RUNNING || chunk.reported().get(offset)) {
                return;
            }
            chunk.reported().set(offset);
            int index = chunk.indexOf(offset);
            if (error == null) {
                settleSuccessLocked(index, result);
            } else if (chunk.attempt() <= options.maxRetries()) {
                scheduleRetryLocked(index, chunk.item(offset), chunk.attempt(), error);
                retryReady = options.retryDelayMillis() == 0;
            } else {
                settleFailureLocked(index, chunk.attempt(), error);
            }
            finished = finishIfAllSettledLocked();
        } finally {
            lock.unlock();
        }
        continueAfter(finished, retryReady); // a free slot may take a ready retry even while this chunk still runs
    }

    @Override
    public void itemsDone(Chunk chunk, int fromOffset, Object[] values, int count) {
        boolean finished;
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return;
            }
            for (int i = 0; i < count; i++) {
                int offset = fromOffset + i;
                if (!chunk.reported().get(offset)) {
                    chunk.reported().set(offset);
                    settleSuccessLocked(chunk.indexOf(offset), values[i]);
                }
            }
            finished = finishIfAllSettledLocked();
        } finally {
            lock.unlock();
        }
        continueAfter(finished, false);
    }

    @Override
    public void chunkDone(Chunk chunk, long runNanos) {
        boolean finished = false;
        lock.lock();
        try {
            if (!inFlight.remove(chunk) || state != State.RUNNING) {
                return;
            }
            if (chunk.attempt() == 1) {
                chunker.record(chunk.size(), runNanos);
            }
            for (int offset = chunk.reported().nextClearBit(0); offset < chunk.size();
                    offset = chunk.reported().nextClearBit(offset + 1)) {
                chunk.reported().set(offset);
                settleFailureLocked(chunk.indexOf(offset), chunk.attempt(), new IllegalStateException(
                        "backend of parallel:" + options.poolName() + " finished " + chunk + " without a result for item "
                                + chunk.indexOf(offset)));
            }
            finished = finishIfAllSettledLocked();
        } finally {
            lock.unlock();
        }
        continueAfter(finished, true);
    }

    /** Finishes the batch if every item has its outcome; true when the batch is done (now or before). */
    private boolean finishIfAllSettledLocked() {
        if (state == State.RUNNING && results.allSettled()) {
            finishLocked(false);
        }
        return state == State.DONE;
    }

    /** Outside the lock: completes a finished batch, or refills the window. */
    private void continueAfter(boolean finished, boolean refill) {
        if (finished) {
            complete();
        } else if (refill) {
            pump();
        }
    }

    private void settleSuccessLocked(int index, Object result) {
        results.success(index, result);
    }

    private void settleFailureLocked(int index, int attempt, Throwable error) {
        results.failure(index, error);
        LOG.debug("[{}] item {} failed on attempt {}: {}", options.poolName(), index, attempt, error.toString());
        if (options.errorPolicy() == ErrorPolicy.FAIL && failure == null && state == State.RUNNING) {
            failure = new BatchFailure(index, "Item " + index + " of a batch of " + size + " on parallel:"
                    + options.poolName() + " failed (attempt " + attempt + " of " + (options.maxRetries() + 1) + "): "
                    + error, error);
            finishLocked(false);
        }
    }

    private void scheduleRetryLocked(int index, Object item, int attempt, Throwable error) {
        retries++;
        LOG.debug("[{}] item {} failed on attempt {}, retrying: {}", options.poolName(), index, attempt, error.toString());
        Chunk retry = new Chunk(index, Collections.singletonList(item), attempt + 1, task, options.taskTimeoutMillis());
        if (options.retryDelayMillis() == 0) {
            readyRetries.add(retry);
            return;
        }
        scheduler.schedule(TimerThreads.wrap(() -> {
            lock.lock();
            try {
                if (state != State.RUNNING) {
                    return;
                }
                readyRetries.add(retry);
            } finally {
                lock.unlock();
            }
            pump();
        }), options.retryDelayMillis(), TimeUnit.MILLISECONDS);
    }

    private void batchTimedOut() {
        boolean finished;
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return;
            }
            TimeoutException cause = new TimeoutException("parallel:" + options.poolName() + " batch timeout of "
                    + options.batchTimeoutMillis() + " ms elapsed");
            finished = abortLocked(cause, "the batch timeout of " + options.batchTimeoutMillis() + " ms elapsed",
                    options.errorPolicy() == ErrorPolicy.FAIL);
        } finally {
            lock.unlock();
        }
        if (finished) {
            complete();
        }
    }

    private void rejected(Chunk chunk, RuntimeException e) {
        boolean finished;
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return;
            }
            RejectedExecutionException cause = e instanceof RejectedExecutionException r ? r
                    : new RejectedExecutionException(e.getMessage(), e);
            finished = abortLocked(cause, "the pool refused " + chunk + ": " + e.getMessage(), true);
        } finally {
            lock.unlock();
        }
        if (finished) {
            complete();
        }
    }

    /**
     * Ends the batch early: every item without an outcome fails with its own exception naming its index, running
     * chunks are interrupted. Returns true when the caller must {@link #complete()} outside the lock.
     */
    private boolean abortLocked(Exception cause, String reason, boolean failWhole) {
        int firstUnfinished = results.nextUnsettled(0);
        int unfinished = results.unsettledCount();
        for (int i = firstUnfinished; i < size; i = results.nextUnsettled(i + 1)) {
            TimeoutException perItem = cause instanceof TimeoutException
                    ? new TimeoutException("Item " + i + " on parallel:" + options.poolName() + " did not finish: " + reason)
                    : null;
            results.failure(i, perItem != null ? perItem : cause);
        }
        LOG.warn("[{}] batch of {} ended early, {} items did not finish: {}", options.poolName(), size, unfinished,
                reason);
        if (failWhole && failure == null) {
            failure = new BatchFailure(firstUnfinished, "Batch of " + size + " on parallel:" + options.poolName()
                    + " ended early: " + reason + "; " + unfinished + " items did not finish, the first is item "
                    + firstUnfinished, results.error(firstUnfinished));
        }
        inFlight.forEach(Chunk::interrupt);
        return finishLocked(true);
    }

    /** RUNNING → DONE. Returns true (the caller then completes outside the lock). */
    private boolean finishLocked(boolean alreadyCancelled) {
        state = State.DONE;
        if (batchTimer != null) {
            batchTimer.cancel(false);
        }
        if (!alreadyCancelled) {
            inFlight.forEach(Chunk::cancel);
        }
        unclaimed.clear();
        readyRetries.clear();
        outcome = new BatchOutcome(results.assemble(), results.errors(), size,
                retries, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), failure);
        changed.signalAll();
        return true;
    }

    private void complete() {
        Consumer<BatchOutcome> callback;
        BatchOutcome result;
        lock.lock();
        try {
            callback = onDone;
            onDone = null;
            result = outcome;
        } finally {
            lock.unlock();
        }
        if (callback == null) {
            return;
        }
        // The exchange continues off our threads: a pool thread must not carry the rest of the route (it would count
        // as a nested caller and ignore the next pool's size), nor may the one timer thread.
        if (TimerThreads.onTimer() || ChunkThreads.insideChunk()) {
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
