package io.github.camelparallel.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CancellationException;
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
import io.github.camelparallel.spi.UnreportedResults;
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
 * <b>States.</b>
 * <pre>
 *   RUNNING --input ended and every pulled item settled--> DONE (outcome without failure, or per onError)
 *   RUNNING --item failed after retries, onError=fail----> DONE (failure; unstarted chunks cancelled). Streaming in
 *             order: first the items before the failed one settle (nothing after it runs or is read), then DONE
 *   RUNNING --batch timeout / input failed / pool refused a chunk / caller interrupted--> DONE (unfinished pulled
 *             items fail by index; running chunks interrupted)
 *   RUNNING --consumer stopped the stream ({@link #stop})--> DONE (running chunks interrupted, input closed)
 * </pre>
 * The completion callback runs on the caller's thread only when the batch completed synchronously inside
 * {@link #start}; from any other thread (pool, worker reader, timer, stream consumer) it is handed to the
 * {@code handoff} executor, so the rest of a route never runs on a backend's or the timer's thread.
 * <p>
 * A failed attempt with retries left becomes a single-item retry chunk, queued after {@code retryDelay}; it
 * takes an in-flight slot like any chunk. In <i>helping</i> mode (the caller is itself a pool thread) the caller
 * runs unclaimed chunks of its own batch instead of parking, so nested batches on a full pool make progress.
 * <p>
 * <b>Thread-safety.</b> All mutable fields are guarded by {@code lock}. The backend and the source are called
 * outside it; only one thread at a time submits and pulls ({@code submitting}).
 */
public final class Dispatcher implements ChunkListener {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** Largest automatic chunk of a streamed batch: the window buffers whole chunks, so they stay small. */
    static final int STREAMING_MAX_AUTO_CHUNK = 16_384;

    private enum State { CREATED, RUNNING, DONE }

    /** True on a hand-off thread while it pumps for a batch that reads off the caller ({@code readsOffCaller}). */
    private static final ThreadLocal<Boolean> READING_OFF_CALLER = ThreadLocal.withInitial(() -> false);

    private final DispatchOptions options;
    private final ParallelBackend backend;
    private final ItemTask task;
    private final ScheduledExecutorService scheduler;
    private final Executor handoff;
    private final BatchSource source;
    private final int maxInFlight;
    private final Chunker chunker;
    private final ItemResults results;
    private final StreamResults stream; // the same object as results when streaming, else null
    private final int listSize; // the whole batch's size when it is a list, else -1
    private final ItemCache cache; // null when results are not cached
    /**
     * A lazy input under a batch timeout is read on a hand-off thread, never on the caller's or the consumer's: a read
     * that blocks (and ignores interrupts) must not keep them past the timeout.
     */
    private final boolean readsOffCaller;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // all guarded by lock
    private State state = State.CREATED;
    private boolean helping;
    private int pulled;
    private boolean inputEnded;
    private final Set<Chunk> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ArrayDeque<Chunk> readyRetries = new ArrayDeque<>();
    private final ArrayDeque<Chunk> unclaimed = new ArrayDeque<>();
    private boolean submitting;
    private int retries;
    private long startNanos;
    private long busyNanos;
    private ScheduledFuture<?> batchTimer;
    private boolean pumpHandedOff; // a pump is queued on the hand-off executor (readsOffCaller)
    private BatchFailure failure;
    private String stoppedBy;
    private BatchOutcome outcome;
    private Consumer<BatchOutcome> onDone;
    /** The thread inside {@link #start}, while it is inside it: a batch it completes there continues on it. */
    private volatile Thread caller;

    /**
     * @param scheduler timer for retry delays and the batch timeout (shared, not owned)
     * @param handoff   runs the completion callback when the batch completes on a timer thread (shared, not owned)
     * @param source    the batch's items; owned from now on (closed when the batch is over)
     */
    public Dispatcher(DispatchOptions options, ParallelBackend backend, ItemTask task,
            ScheduledExecutorService scheduler, Executor handoff, BatchSource source) {
        this(options, backend, task, scheduler, handoff, source, null);
    }

    /**
     * @param cache results of earlier runs, looked up before an item is dispatched and stored when it succeeds (null
     *              for none)
     */
    public Dispatcher(DispatchOptions options, ParallelBackend backend, ItemTask task,
            ScheduledExecutorService scheduler, Executor handoff, BatchSource source, ItemCache cache) {
        this.options = options;
        this.cache = cache;
        this.backend = backend;
        this.task = task;
        this.scheduler = scheduler;
        this.handoff = handoff;
        this.source = source;
        int parallelism = backend.capabilities().parallelism();
        // saturating: a huge poolSize (virtual threads, "no bound") must not overflow into a negative window
        int window = options.maxInFlight() > 0 ? options.maxInFlight() : (int) Math.min(Integer.MAX_VALUE, 2L * parallelism);
        int cap = backend.capabilities().maxInFlight();
        this.maxInFlight = cap > 0 ? Math.min(window, cap) : window;
        this.chunker = options.chunkSize() > 0
                ? Chunker.fixed(options.chunkSize())
                : new AutoChunker(parallelism, backend.capabilities().minChunkNanos(),
                        backend.capabilities().maxChunkNanos(),
                        options.streaming() ? STREAMING_MAX_AUTO_CHUNK : Integer.MAX_VALUE / 2);
        if (options.streaming()) {
            this.stream = new StreamResults(options.ordered(), options.errorPolicy(), maxInFlight);
            this.results = stream;
        } else {
            this.stream = null;
            this.results = new OrderedResults(source.remaining(), options.ordered(), options.errorPolicy());
        }
        this.listSize = stream == null ? source.remaining() : -1;
        this.inputEnded = source.ended();
        this.readsOffCaller = options.batchTimeoutMillis() > 0 && source.remaining() == Integer.MAX_VALUE;
    }

    /** Starts the batch; {@code onDone} (may be null) is called once, from whichever thread settles it. */
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
                batchTimer = scheduler.schedule(this::batchTimedOut, options.batchTimeoutMillis(), TimeUnit.MILLISECONDS);
            }
            finished = finishIfAllSettledLocked();
            caller = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        try {
            continueAfter(finished, true);
        } finally {
            caller = null;
        }
    }

    /**
     * Makes the calling thread help while it waits ({@link #runHelping()}, or a stream's consumer): it runs chunks of
     * this batch that no pool thread has claimed yet. Call before {@link #start}; needs a backend that
     * {@code runsInCaller}.
     */
    public void helpWhileWaiting() {
        lock.lock();
        try {
            helping = true;
        } finally {
            lock.unlock();
        }
    }

    /** Runs the batch with the calling thread helping, and returns when the batch is done. */
    public BatchOutcome runHelping() {
        helpWhileWaiting();
        start(null);
        lock.lock();
        try {
            while (state != State.DONE) {
                helpOrAwaitLocked();
            }
            return outcome;
        } finally {
            lock.unlock();
        }
        // the source was closed by complete(), run by whoever finished the batch
    }

    /** Runs one unclaimed chunk of this batch (helping), or waits for a change. Called and returns with the lock. */
    private void helpOrAwaitLocked() {
        Chunk chunk = helping ? unclaimed.poll() : null;
        if (chunk != null) {
            lock.unlock();
            try {
                if (chunk.tryClaim()) {
                    backend.runInCaller(chunk, this);
                }
            } finally {
                lock.lock();
            }
            return;
        }
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (state == State.RUNNING) {
                abortLocked(e, "the waiting thread was interrupted", true);
                lock.unlock();
                try {
                    complete();
                } finally {
                    lock.lock();
                }
            }
        }
    }

    /**
     * Streaming: commits what the consumer was handed last, then fills {@code out} with the next results it may take,
     * waiting (or helping) until there is at least one. Returns how many; 0 when the stream has ended. A batch that
     * failed as a whole (input unreadable, pool refused, timeout under fail) ends with a FAILED take, never quietly.
     * Committing frees window slots, and the next input is pulled for them after unlocking.
     */
    int take(StreamResults.Take[] out) {
        boolean freed;
        lock.lock();
        try {
            stream.commit();
            freed = stream.takeFreed();
        } finally {
            lock.unlock();
        }
        if (freed) {
            pump(); // before waiting: the freed slots are what lets more input in
        }
        int n;
        lock.lock();
        try {
            while ((n = stream.peek(out)) == 0 && state != State.DONE) {
                helpOrAwaitLocked();
            }
            if (n == 0 && failure != null) {
                out[0] = new StreamResults.Take(StreamResults.Take.Kind.FAILED, failure.index(), null, failure.cause());
                n = 1;
            }
        } finally {
            lock.unlock();
        }
        return n;
    }

    /** The batch failure to throw for a failed take: the recorded one when it is about this item. */
    BatchFailure failureAt(int index, Throwable error) {
        lock.lock();
        try {
            if (failure != null && failure.index() == index) {
                return failure;
            }
            return new BatchFailure(index, "Item " + index + " of a streamed batch on parallel:" + options.poolName()
                    + " failed: " + error, error);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Streaming: the consumer stopped (closed the result iterator, its exchange ended, the route stopped). Running
     * chunks are interrupted, queued ones never run, and the input is closed without being read any further.
     */
    public void stop(String reason) {
        boolean finished = false;
        lock.lock();
        try {
            if (state == State.RUNNING) {
                LOG.debug("[{}] streamed batch stopped after {} items read: {}", options.poolName(), pulled, reason);
                inputEnded = true;
                interruptUnfinishedLocked();
                finished = finishLocked(true);
            }
        } finally {
            lock.unlock();
        }
        if (finished) {
            complete();
        } else {
            source.close();
        }
    }

    /** How far the batch has got, now (for progress lines and events); callable from any thread. */
    public BatchProgress progress() {
        lock.lock();
        try {
            return new BatchProgress(options.poolName(), results.settledCount(), results.failedCount(), retries,
                    stream == null ? listSize : -1, state == State.CREATED ? 0 : System.nanoTime() - startNanos,
                    state == State.DONE);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends a running batch from outside (its pool is shutting down): every item without an outcome fails by index with
     * a {@link java.util.concurrent.RejectedExecutionException} carrying {@code reason}, running chunks are interrupted.
     *
     * @return true when the batch was still running (it is now ended, and {@link #stoppedBy()} says why); false when it
     *         had ended before
     */
    public boolean abort(String reason) {
        boolean finished = false;
        lock.lock();
        try {
            if (state == State.RUNNING) {
                stoppedBy = reason;
                finished = abortLocked(new RejectedExecutionException("parallel:" + options.poolName() + " " + reason),
                        reason, true);
            }
        } finally {
            lock.unlock();
        }
        if (finished) {
            complete();
        }
        return finished;
    }

    /** Why the batch was ended from outside ({@link #abort}), or null when it was not. */
    String stoppedBy() {
        lock.lock();
        try {
            return stoppedBy;
        } finally {
            lock.unlock();
        }
    }

    String poolName() {
        return options.poolName();
    }

    /** Counts for a stream's consumer: {pulled, settled, failed, retries, delivered}. */
    long[] counts() {
        lock.lock();
        try {
            return new long[] { pulled, results.settledCount(), stream.failedCount(), retries, stream.deliveredCount() };
        } finally {
            lock.unlock();
        }
    }

    SortedMap<Integer, Throwable> recentErrors() {
        lock.lock();
        try {
            return stream.recentErrors();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fills the window: retry chunks first, then fresh chunks pulled from the source, handed to the backend in the
     * order they were taken. Only one thread submits (and pulls) at a time ({@code submitting}); a thread that finds
     * another submitting leaves, and the submitter re-checks under the lock before it stops, so no refill is lost.
     */
    private void pump() {
        if (readsOffCaller && !READING_OFF_CALLER.get()) {
            lock.lock();
            try {
                if (pumpHandedOff || state == State.DONE) {
                    return; // the queued pump re-checks everything when it runs
                }
                pumpHandedOff = true;
            } finally {
                lock.unlock();
            }
            try {
                handoff.execute(() -> {
                    lock.lock();
                    try {
                        pumpHandedOff = false;
                    } finally {
                        lock.unlock();
                    }
                    READING_OFF_CALLER.set(true);
                    try {
                        pumpHere();
                    } finally {
                        READING_OFF_CALLER.remove();
                    }
                });
                return;
            } catch (RejectedExecutionException e) {
                lock.lock();
                try {
                    pumpHandedOff = false;
                } finally {
                    lock.unlock();
                }
                // stopping: read here
            }
        }
        pumpHere();
    }

    private void pumpHere() {
        lock.lock();
        try {
            if (submitting) {
                return;
            }
            submitting = true;
        } finally {
            lock.unlock();
        }
        boolean finished = false;
        boolean owner = true; // this thread holds the submitter role until it gives it up under the lock
        try {
            while (!finished) {
                Chunk chunk = null;
                int want = 0;
                lock.lock();
                try {
                    if (state == State.RUNNING && inFlight.size() < maxInFlight) {
                        chunk = nextRetryLocked();
                        if (chunk == null && !inputEnded && results.hasRoom()) {
                            want = chunker.nextSize(Math.max(1, source.remaining()));
                        }
                    }
                    if (chunk == null && want == 0) {
                        submitting = false; // given up under the lock: another thread may take the role at once
                        owner = false;
                        return;
                    }
                    if (chunk != null) {
                        admitLocked(chunk);
                    }
                } finally {
                    lock.unlock();
                }
                if (chunk == null) {
                    List<Object> items;
                    try {
                        items = source.pull(want);
                    } catch (RuntimeException e) {
                        finished = inputFailed(e);
                        continue;
                    }
                    ItemCache.Lookup[] cached = lookUp(items); // outside the lock: a store may read a disk
                    lock.lock();
                    try {
                        chunk = freshChunkLocked(items, cached);
                        finished = chunk == null && finishIfAllSettledLocked();
                    } finally {
                        lock.unlock();
                    }
                    if (chunk == null) {
                        continue;
                    }
                }
                LOG.trace("[{}] submit {}", options.poolName(), chunk);
                try {
                    backend.execute(chunk, this);
                } catch (RuntimeException e) {
                    finished = rejected(chunk, e);
                }
            }
        } finally {
            if (owner) { // never clear a role another thread took after this one gave it up
                lock.lock();
                try {
                    submitting = false;
                } finally {
                    lock.unlock();
                }
            }
        }
        complete();
    }

    private Chunk nextRetryLocked() {
        Chunk retry;
        while ((retry = readyRetries.poll()) != null && failure != null && retry.firstIndex() > failure.index()) {
            // streamed in order: nothing after the failed item runs any more
        }
        return retry;
    }

    private void admitLocked(Chunk chunk) {
        inFlight.add(chunk);
        if (helping) {
            unclaimed.add(chunk);
            changed.signalAll();
        }
    }

    /** The cache's answer for each pulled item (indices from {@code pulled} on), or null without a cache. */
    private ItemCache.Lookup[] lookUp(List<Object> items) {
        if (cache == null || items.isEmpty()) {
            return null;
        }
        int first;
        lock.lock();
        try {
            first = pulled; // only the submitter moves it, and this thread is the submitter
        } finally {
            lock.unlock();
        }
        ItemCache.Lookup[] found = new ItemCache.Lookup[items.size()];
        for (int i = 0; i < found.length; i++) {
            found[i] = cache.lookup(items.get(i), first + i);
        }
        return found;
    }

    /**
     * Turns pulled items into a dispatched chunk; null when there were none, the cache answered all of them, or the
     * batch ended meanwhile. Items the cache answered settle here; the chunk holds the others, with their indices.
     */
    private Chunk freshChunkLocked(List<Object> items, ItemCache.Lookup[] cached) {
        if (source.ended()) {
            inputEnded = true;
        }
        if (state != State.RUNNING || items.isEmpty()) {
            return null;
        }
        if ((long) pulled + items.size() > Integer.MAX_VALUE) {
            inputEnded = true;
            abortLocked(new IllegalStateException("too many items"), "a batch holds at most " + Integer.MAX_VALUE
                    + " items; split the input", true);
            return null;
        }
        int first = pulled;
        results.opened(first, items.size());
        pulled += items.size();
        Chunk chunk = cached == null ? new Chunk(first, items, 1, task, options.taskTimeoutMillis())
                : settleCachedLocked(first, items, cached);
        if (chunk == null || state != State.RUNNING) {
            signalConsumerLocked();
            return null;
        }
        admitLocked(chunk);
        return chunk;
    }

    /** Settles the items the cache answered; returns a chunk of the rest (null when none is left to run). */
    private Chunk settleCachedLocked(int first, List<Object> items, ItemCache.Lookup[] cached) {
        int[] missing = new int[items.size()];
        int misses = 0;
        for (int i = 0; i < cached.length; i++) {
            ItemCache.Lookup found = cached[i];
            if (!found.hit()) {
                missing[misses++] = i;
            } else if (found.failure() == null) {
                results.success(first + i, found.result());
            } else {
                settleFailureLocked(first + i, 1, found.failure());
            }
        }
        if (failure != null && stream != null && options.ordered()) {
            // a remembered failure failed a stream in order: nothing after it may run (as if it had just failed)
            while (misses > 0 && first + missing[misses - 1] > failure.index()) {
                misses--;
            }
        }
        if (misses == 0) {
            return null;
        }
        if (misses == items.size()) {
            return new Chunk(first, items, 1, task, options.taskTimeoutMillis());
        }
        int[] indices = new int[misses];
        List<Object> rest = new ArrayList<>(misses);
        for (int m = 0; m < misses; m++) {
            indices[m] = first + missing[m];
            rest.add(items.get(missing[m]));
        }
        return new Chunk(indices, rest, 1, task, options.taskTimeoutMillis());
    }

    @Override
    public void itemDone(Chunk chunk, int offset, Object result, Throwable error) {
        if (cache != null && error == null) {
            cache.store(chunk.item(offset), chunk.indexOf(offset), result); // before settling: a later batch finds it
        }
        boolean finished;
        boolean refill = false;
        boolean failedForGood = false;
        lock.lock();
        try {
            if (state != State.RUNNING || chunk.reported().get(offset)) {
                return;
            }
            chunk.reported().set(offset);
            int index = chunk.indexOf(offset);
            if (error == null) {
                results.success(index, result);
            } else if (chunk.attempt() <= options.maxRetries() && (failure == null || index < failure.index())) {
                scheduleRetryLocked(index, chunk.item(offset), chunk.attempt(), error);
                refill = options.retryDelayMillis() == 0;
            } else {
                settleFailureLocked(index, chunk.attempt(), error);
                refill = stream != null; // a skipped item may free a window slot
                failedForGood = true;
            }
            finished = finishIfAllSettledLocked();
            signalConsumerLocked();
        } finally {
            lock.unlock();
        }
        if (failedForGood && cache != null && cache.keepsFailures()) {
            cache.storeFailure(chunk.item(offset), chunk.indexOf(offset), error);
        }
        continueAfter(finished, refill); // a free slot may take a ready retry even while this chunk still runs
    }

    @Override
    public void itemsDone(Chunk chunk, int fromOffset, Object[] values, int count) {
        if (cache != null) {
            for (int i = 0; i < count; i++) {
                cache.store(chunk.item(fromOffset + i), chunk.indexOf(fromOffset + i), values[i]);
            }
        }
        boolean finished;
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return;
            }
            BitSet reported = chunk.reported();
            int end = fromOffset + count;
            int firstReported = reported.nextSetBit(fromOffset);
            if (chunk.isContiguous() && (firstReported < 0 || firstReported >= end)) {
                reported.set(fromOffset, end); // the usual case: one run, nothing of it reported before
                results.successes(chunk.indexOf(fromOffset), values, count);
            } else {
                for (int i = 0; i < count; i++) {
                    int offset = fromOffset + i;
                    if (!reported.get(offset)) {
                        reported.set(offset);
                        results.success(chunk.indexOf(offset), values[i]);
                    }
                }
            }
            finished = finishIfAllSettledLocked();
            signalConsumerLocked();
        } finally {
            lock.unlock();
        }
        continueAfter(finished, false);
    }

    @Override
    public void chunkDone(Chunk chunk, long runNanos) {
        boolean finished;
        lock.lock();
        try {
            if (!inFlight.remove(chunk) || state != State.RUNNING) {
                return;
            }
            busyNanos += runNanos;
            if (chunk.attempt() == 1) {
                chunker.record(chunk.size(), runNanos);
            }
            for (int offset = chunk.reported().nextClearBit(0); offset < chunk.size();
                    offset = chunk.reported().nextClearBit(offset + 1)) {
                chunk.reported().set(offset);
                int index = chunk.indexOf(offset);
                results.failure(index, chunk.isCancelled()
                        ? new CancellationException("Item " + index + " on parallel:" + options.poolName()
                                + " was cancelled: an earlier item failed the batch")
                        : new IllegalStateException("backend of parallel:" + options.poolName() + " finished " + chunk
                                + " without a result for item " + index));
            }
            finished = finishIfAllSettledLocked();
            signalConsumerLocked();
        } finally {
            lock.unlock();
        }
        continueAfter(finished, true);
    }

    private void signalConsumerLocked() {
        if (stream != null) {
            changed.signalAll();
        }
    }

    /** Finishes the batch if every item has its outcome; true when the batch is done (now or before). */
    private boolean finishIfAllSettledLocked() {
        if (state == State.RUNNING) {
            boolean allSettled = inputEnded && results.settledCount() == pulled;
            // streamed in order with onError=fail: done once everything before the failed item settled
            boolean failedPrefixSettled = failure != null && stream != null
                    && results.nextUnsettled(0, pulled) >= failure.index();
            if (allSettled || failedPrefixSettled) {
                finishLocked(false);
            }
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

    private void settleFailureLocked(int index, int attempt, Throwable error) {
        results.failure(index, error);
        LOG.debug("[{}] item {} failed on attempt {}: {}", options.poolName(), index, attempt, error.toString());
        if (options.errorPolicy() != ErrorPolicy.FAIL || state != State.RUNNING
                || (failure != null && index > failure.index())) {
            return;
        }
        String batch = stream == null ? "a batch of " + listSize : "a streamed batch";
        failure = new BatchFailure(index, "Item " + index + " of " + batch + " on parallel:" + options.poolName()
                + " failed (attempt " + attempt + " of " + (options.maxRetries() + 1L) + "): " + error, error);
        if (stream == null || !options.ordered()) {
            finishLocked(false);
            return;
        }
        // Streamed in order: the consumer still gets every item before the failed one. Read nothing more; stop what
        // runs after it; the batch ends once the items before it settle (finishIfAllSettledLocked).
        inputEnded = true;
        for (Chunk chunk : inFlight) {
            if (chunk.firstIndex() > index) {
                chunk.interrupt();
            } else if (chunk.indexOf(chunk.size() - 1) > index) {
                chunk.cancel();
            }
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
        scheduler.schedule(() -> {
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
        }, options.retryDelayMillis(), TimeUnit.MILLISECONDS);
    }

    private void batchTimedOut() {
        if (abortFromOutside(new TimeoutException("parallel:" + options.poolName() + " batch timeout of "
                + options.batchTimeoutMillis() + " ms elapsed"), "the batch timeout of " + options.batchTimeoutMillis()
                + " ms elapsed", options.errorPolicy() == ErrorPolicy.FAIL)) {
            complete();
        }
    }

    private boolean rejected(Chunk chunk, RuntimeException e) {
        RejectedExecutionException cause = e instanceof RejectedExecutionException r ? r
                : new RejectedExecutionException(e.getMessage(), e);
        return abortFromOutside(cause, "the pool refused " + chunk + ": " + e.getMessage(), true);
    }

    /**
     * Reading the input failed: nothing more is read, the items read before it still run and settle, and then the
     * batch fails with the read error (a stream hands out what settled, then throws).
     */
    private boolean inputFailed(RuntimeException e) {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return false;
            }
            LOG.warn("[{}] reading the batch input failed after {} items: {}", options.poolName(), pulled, e.toString());
            inputEnded = true;
            if (failure == null) {
                String batch = stream == null ? "Batch of " + listSize : "Streamed batch";
                failure = new BatchFailure(pulled, batch + " on parallel:" + options.poolName()
                        + " ended early: reading the input failed after " + pulled + " items: " + e, e);
            }
            return finishIfAllSettledLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Ends a running batch early from outside the lock; true when it ended now (the caller then completes it). */
    private boolean abortFromOutside(Exception cause, String reason, boolean failWhole) {
        boolean finished = false;
        lock.lock();
        try {
            if (state == State.RUNNING) {
                finished = abortLocked(cause, reason, failWhole);
            }
        } finally {
            lock.unlock();
        }
        return finished;
    }

    /**
     * Ends the batch early: every pulled item without an outcome fails with its own exception naming its index,
     * running chunks are interrupted, nothing more is read. Returns true (the caller completes outside the lock).
     */
    private boolean abortLocked(Exception cause, String reason, boolean failWhole) {
        // a stream whose input was not read to its end is cut short: it fails under every onError, never ends quietly
        boolean inputCut = stream != null && !inputEnded;
        inputEnded = true;
        inFlight.forEach(this::settleUnreportedLocked); // finished but not yet reported: finished all the same
        int known = stream == null ? listSize : pulled; // a list's items not yet dispatched fail too, by index
        int firstUnfinished = results.nextUnsettled(0, known);
        int unfinished = 0;
        for (int i = firstUnfinished; i < known; i = results.nextUnsettled(i + 1, known)) {
            unfinished++;
            results.failure(i, cause instanceof TimeoutException
                    ? new TimeoutException("Item " + i + " on parallel:" + options.poolName() + " did not finish: " + reason)
                    : cause);
        }
        String batch = stream == null ? "Batch of " + listSize : "Streamed batch (" + pulled + " items read)";
        LOG.warn("[{}] {} ended early, {} items did not finish: {}", options.poolName(), batch.toLowerCase(), unfinished,
                reason);
        if ((failWhole || inputCut) && failure == null) {
            int index = Math.min(firstUnfinished, known);
            failure = new BatchFailure(index, batch + " on parallel:" + options.poolName() + " ended early: " + reason
                    + "; " + unfinished + " items did not finish"
                    + (unfinished > 0 ? ", the first is item " + firstUnfinished : ""),
                    unfinished > 0 ? results.error(firstUnfinished) : cause);
        }
        inFlight.forEach(Chunk::interrupt);
        return finishLocked(true);
    }

    /**
     * Settles the results a chunk's runner has finished and not reported yet ({@link UnreportedResults}, published by
     * backends that report in runs), so an item that finished is never failed as unfinished when the batch ends early.
     */
    private void settleUnreportedLocked(Chunk chunk) {
        UnreportedResults run = chunk.unreported();
        if (run == null) {
            return;
        }
        BitSet reported = chunk.reported();
        for (int i = 0, count = run.count(); i < count; i++) {
            int offset = run.fromOffset() + i;
            if (!reported.get(offset)) {
                reported.set(offset);
                results.success(chunk.indexOf(offset), run.value(i));
            }
        }
    }

    /** Interrupts the chunks that still have items to run; a chunk that reported every item is only cancelled. */
    private void interruptUnfinishedLocked() {
        for (Chunk chunk : inFlight) {
            if (chunk.reported().cardinality() < chunk.size()) {
                chunk.interrupt();
            } else {
                chunk.cancel();
            }
        }
    }

    /** RUNNING → DONE. Returns true (the caller then completes outside the lock). */
    private boolean finishLocked(boolean alreadyCancelled) {
        state = State.DONE;
        if (batchTimer != null) {
            batchTimer.cancel(false);
        }
        if (!alreadyCancelled) {
            if (stream != null) {
                interruptUnfinishedLocked(); // a stream that ends leaves no task running
            } else {
                inFlight.forEach(Chunk::cancel);
            }
        }
        unclaimed.clear();
        readyRetries.clear();
        outcome = results.outcome(stream == null ? listSize : pulled, retries,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), failure, busyNanos);
        changed.signalAll();
        return true;
    }

    private void complete() {
        source.close();
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
        // Where the exchange continues is decided here alone: inline only when the batch completed synchronously on
        // the caller's own thread (still inside start()); from any other thread (a pool thread, a worker's reader, the
        // timer, a stream's consumer) it is handed off, so no backend needs to mark its threads for this.
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
