package io.github.camelparallel.dispatch;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ItemTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one batch and every transition of it, under one lock: which items were pulled, which chunks are in
 * flight, queued for a helping caller or waiting as retries, how the batch failed, and its outcome.
 * <p>
 * <b>States.</b>
 * <pre>
 *   CREATED --start--> RUNNING
 *   RUNNING --input ended and every pulled item settled--> DONE (outcome without failure, or per onError)
 *   RUNNING --item failed after retries, onError=fail----> DONE (failure; unstarted chunks cancelled). Streaming in
 *             order: first the items before the failed one settle (nothing after it runs or is read), then DONE
 *   RUNNING --batch timeout / input failed / pool refused a chunk / caller interrupted / pool stopping--> DONE
 *             (unfinished pulled items fail by index, and a list's undispatched ones; running chunks interrupted)
 *   RUNNING --consumer stopped the stream--> DONE (running chunks interrupted, input closed)
 * </pre>
 * A failed attempt with retries left becomes a single-item retry chunk, queued after {@code retryDelay}.
 * <p>
 * <b>Thread-safety.</b> Every method named {@code ...Locked} is called with {@link #lock} held. This class calls
 * nothing outside it (no backend, no source, no completion callback: the {@link Dispatcher} and {@link ChunkPump}
 * make those calls after unlocking); its only outward calls are scheduling timers and interrupting chunks.
 */
final class BatchRun {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    enum State { CREATED, RUNNING, DONE }

    /** What an early end does to the batch as a whole (its unfinished items fail by index either way). */
    enum EarlyEnd { FAILS_BATCH, FAILS_ITEMS_ONLY }

    /** What became of a reported item. */
    enum Settled { IGNORED, SUCCEEDED, RETRY_NOW, RETRY_LATER, FAILED }

    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the batch ends, a helping caller has a chunk to run, or a stream's consumer may take more. */
    final Condition changed = lock.newCondition();
    private final DispatchOptions options;
    private final ItemResults results;
    private final ItemTask task;
    private final Chunker chunker;
    /** The chunks between dispatch and done; guarded by lock. */
    final ChunkWindow window;
    private final ScheduledExecutorService scheduler;
    private final Runnable refill; // runs (outside the lock) when a delayed retry is ready

    // all guarded by lock
    private State state = State.CREATED;
    private int pulled;
    private boolean inputEnded;
    private int retries;
    private long startNanos;
    private long busyNanos;
    private ScheduledFuture<?> batchTimer;
    private BatchFailure failure;
    private BatchOutcome outcome;

    BatchRun(DispatchOptions options, ItemResults results, ItemTask task, Chunker chunker, int maxInFlight,
            ScheduledExecutorService scheduler, boolean inputEnded, Runnable refill) {
        this.options = options;
        this.results = results;
        this.task = task;
        this.chunker = chunker;
        this.window = new ChunkWindow(maxInFlight);
        this.scheduler = scheduler;
        this.inputEnded = inputEnded;
        this.refill = refill;
    }

    /** Answers a query under the lock, for threads that do not hold it. */
    <T> T locked(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    /** CREATED → RUNNING; arms the batch timeout. Returns whether the batch is done already (an empty input). */
    boolean startLocked(Runnable onBatchTimeout) {
        if (state != State.CREATED) {
            throw new IllegalStateException("batch already started on parallel:" + options.poolName());
        }
        state = State.RUNNING;
        startNanos = System.nanoTime();
        if (options.batchTimeoutMillis() > 0) {
            batchTimer = scheduler.schedule(onBatchTimeout, options.batchTimeoutMillis(), TimeUnit.MILLISECONDS);
        }
        return finishIfAllSettledLocked();
    }

    boolean doneLocked() {
        return state == State.DONE;
    }

    BatchOutcome outcomeLocked() {
        return outcome;
    }

    BatchFailure failureLocked() {
        return failure;
    }

    int pulledLocked() {
        return pulled;
    }

    StreamCounts countsLocked(StreamResults stream) {
        return new StreamCounts(pulled, stream.settledCount(), stream.failedCount(), retries, stream.deliveredCount());
    }

    BatchProgress progressLocked() {
        return new BatchProgress(options.poolName(), results.settledCount(), results.failedCount(), retries,
                results.total(), state == State.CREATED ? 0 : System.nanoTime() - startNanos, state == State.DONE);
    }

    /** A ready retry chunk, admitted, when a window slot is free; else null. */
    Chunk takeRetryLocked() {
        if (!hasSlotLocked()) {
            return null;
        }
        Chunk retry = window.takeRetry(failure != null ? failure.index() : Integer.MAX_VALUE);
        if (retry != null) {
            admitLocked(retry);
        }
        return retry;
    }

    /** How many fresh items to pull now (for {@code remaining} known items), 0 when none may be pulled. */
    int freshWantedLocked(int remaining) {
        return hasSlotLocked() && !inputEnded && results.hasRoom() ? chunker.nextSize(Math.max(1, remaining)) : 0;
    }

    private boolean hasSlotLocked() {
        return state == State.RUNNING && window.hasSlot();
    }

    /**
     * Turns pulled items into a dispatched chunk, admitted; null when there were none, the cache answered all of them,
     * or the batch ended meanwhile. Items the cache answered settle here; the chunk holds the others, with their indices.
     */
    Chunk openLocked(List<Object> items, boolean sourceEnded, CacheLookups cache, ItemCache.Lookup[] found) {
        inputEnded |= sourceEnded;
        if (state != State.RUNNING || items.isEmpty()) {
            return null;
        }
        if ((long) pulled + items.size() > Integer.MAX_VALUE) {
            inputEnded = true;
            abortLocked(new IllegalStateException("too many items"), "a batch holds at most " + Integer.MAX_VALUE
                    + " items; split the input", EarlyEnd.FAILS_BATCH);
            return null;
        }
        int first = pulled;
        results.opened(first, items.size());
        pulled += items.size();
        Chunk chunk = cache.rest(first, items, found, this::settleHitLocked, this::lastToRunLocked);
        if (chunk == null || state != State.RUNNING) {
            signalConsumerLocked();
            return null;
        }
        if (chunk.isContiguous() && !cache.active()) { // its runner may store results in place (a cache needs values)
            chunk.writeResultsTo(results.resultArray());
        }
        admitLocked(chunk);
        return chunk;
    }

    private void settleHitLocked(int index, ItemCache.Lookup found) {
        if (found.failure() == null) {
            results.success(index, found.result());
        } else {
            settleFailureLocked(index, 1, found.failure()); // a remembered failure fails as if it had just failed
        }
    }

    /** The last item that may still run: all of them, unless a failure stopped a stream in order after it. */
    private int lastToRunLocked() {
        return failure != null && results.keepsItemsBeforeFailure() ? failure.index() : Integer.MAX_VALUE;
    }

    private void admitLocked(Chunk chunk) {
        if (window.admit(chunk)) {
            changed.signalAll(); // the helping caller may run it
        }
    }

    Settled itemDoneLocked(Chunk chunk, int offset, Object result, Throwable error) {
        if (state != State.RUNNING || chunk.reported().get(offset)) {
            return Settled.IGNORED;
        }
        chunk.reported().set(offset);
        int index = chunk.indexOf(offset);
        Settled settled;
        if (error == null) {
            results.success(index, result);
            settled = Settled.SUCCEEDED;
        } else if (chunk.attempt() <= options.maxRetries() && (failure == null || index < failure.index())) {
            scheduleRetryLocked(index, chunk.item(offset), chunk.attempt(), error);
            settled = options.retryDelayMillis() == 0 ? Settled.RETRY_NOW : Settled.RETRY_LATER;
        } else {
            settleFailureLocked(index, chunk.attempt(), error);
            settled = Settled.FAILED;
        }
        settledLocked();
        return settled;
    }

    /** Reported successes, {@code values} null when stored in place; false when it came too late (batch over). */
    boolean itemsDoneLocked(Chunk chunk, int fromOffset, Object[] values, int count) {
        if (state != State.RUNNING) {
            return false;
        }
        ChunkReports.successes(chunk, fromOffset, values, count, results);
        settledLocked();
        return true;
    }

    /** The backend is done with a chunk: items it left unreported fail; false when the batch is over. */
    boolean chunkDoneLocked(Chunk chunk, long runNanos) {
        if (!window.remove(chunk) || state != State.RUNNING) {
            return false;
        }
        busyNanos += runNanos;
        if (chunk.attempt() == 1) {
            chunker.record(chunk.size(), runNanos);
        }
        ChunkReports.leftUnreported(chunk, results, options.poolName());
        settledLocked();
        return true;
    }

    /** Items settled: the batch may be finished, a stream's consumer may take more. */
    private void settledLocked() {
        finishIfAllSettledLocked();
        signalConsumerLocked();
    }

    private void signalConsumerLocked() {
        if (results.consumedWhileRunning()) {
            changed.signalAll();
        }
    }

    /** Finishes the batch if every item has its outcome; true when the batch is done (now or before). */
    boolean finishIfAllSettledLocked() {
        if (state == State.RUNNING) {
            boolean allSettled = inputEnded && results.settledCount() == pulled;
            boolean failedPrefixSettled = failure != null && results.keepsItemsBeforeFailure()
                    && results.nextUnsettled(0, pulled) >= failure.index();
            if (allSettled || failedPrefixSettled) {
                finishLocked();
            }
        }
        return state == State.DONE;
    }

    private void settleFailureLocked(int index, int attempt, Throwable error) {
        results.failure(index, error);
        LOG.debug("[{}] item {} failed on attempt {}: {}", options.poolName(), index, attempt, error.toString());
        if (options.errorPolicy() != ErrorPolicy.FAIL || state != State.RUNNING
                || (failure != null && index > failure.index())) {
            return;
        }
        failure = new BatchFailure(index, "Item " + index + " of a " + results.name() + " on parallel:"
                + options.poolName() + " failed (attempt " + attempt + " of " + (options.maxRetries() + 1L) + "): "
                + error, error);
        if (!results.keepsItemsBeforeFailure()) {
            finishLocked();
            return;
        }
        // The consumer still gets every item before the failed one. Read nothing more; stop what runs after it; the
        // batch ends once the items before it settle (finishIfAllSettledLocked).
        inputEnded = true;
        window.stopAfter(index);
    }

    private void scheduleRetryLocked(int index, Object item, int attempt, Throwable error) {
        retries++;
        LOG.debug("[{}] item {} failed on attempt {}, retrying: {}", options.poolName(), index, attempt, error.toString());
        Chunk retry = new Chunk(index, Collections.singletonList(item), attempt + 1, task, options.taskTimeoutMillis());
        if (options.retryDelayMillis() == 0) {
            window.addRetry(retry);
            return;
        }
        scheduler.schedule(() -> {
            lock.lock();
            try {
                if (state != State.RUNNING) {
                    return;
                }
                window.addRetry(retry);
            } finally {
                lock.unlock();
            }
            refill.run();
        }, options.retryDelayMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reading the input failed: nothing more is read, the items read before it still run and settle, and then the
     * batch fails with the read error (a stream hands out what settled, then throws). True when the batch is done.
     */
    boolean inputFailedLocked(RuntimeException e) {
        if (state != State.RUNNING) {
            return false;
        }
        LOG.warn("[{}] reading the batch input failed after {} items: {}", options.poolName(), pulled, e.toString());
        inputEnded = true;
        if (failure == null) {
            failure = new BatchFailure(pulled, capitalized(results.name()) + " on parallel:" + options.poolName()
                    + " ended early: reading the input failed after " + pulled + " items: " + e, e);
        }
        return finishIfAllSettledLocked();
    }

    /** A stream's consumer stopped: running chunks are interrupted, nothing more is read; false when it had ended. */
    boolean stopByConsumerLocked(String reason) {
        if (state != State.RUNNING) {
            return false;
        }
        LOG.debug("[{}] streamed batch stopped after {} items read: {}", options.poolName(), pulled, reason);
        inputEnded = true;
        window.interruptUnfinished();
        endLocked();
        return true;
    }

    /**
     * Ends a running batch early: every pulled item without an outcome (and a list's undispatched ones) fails with its
     * own exception naming its index, running chunks are interrupted, nothing more is read. Returns whether it ended
     * now (false when it had ended before); the caller then completes it outside the lock.
     */
    boolean abortLocked(Exception cause, String reason, EarlyEnd end) {
        if (state != State.RUNNING) {
            return false;
        }
        boolean inputCut = results.unreadInputFailsBatch() && !inputEnded;
        inputEnded = true;
        window.forEachInFlight(chunk -> ChunkReports.unreported(chunk, results)); // finished, not yet reported
        int known = results.knownSize(pulled);
        int firstUnfinished = results.nextUnsettled(0, known);
        int unfinished = results.failUnfinished(known, i -> cause instanceof TimeoutException
                ? new TimeoutException("Item " + i + " on parallel:" + options.poolName() + " did not finish: " + reason)
                : cause);
        String batch = capitalized(results.nameWhenCut(pulled));
        LOG.warn("[{}] {} ended early, {} items did not finish: {}", options.poolName(), batch.toLowerCase(), unfinished,
                reason);
        if ((end == EarlyEnd.FAILS_BATCH || inputCut) && failure == null) {
            failure = new BatchFailure(Math.min(firstUnfinished, known), batch + " on parallel:" + options.poolName()
                    + " ended early: " + reason + "; " + unfinished + " items did not finish"
                    + (unfinished > 0 ? ", the first is item " + firstUnfinished : ""),
                    unfinished > 0 ? results.error(firstUnfinished) : cause);
        }
        window.forEachInFlight(Chunk::interrupt);
        endLocked();
        return true;
    }

    /** RUNNING → DONE on its own (everything settled, or a failure under fail): what still runs is stopped. */
    private void finishLocked() {
        state = State.DONE; // first: a report from a chunk being stopped is ignored
        if (results.interruptsLeftoversAtEnd()) {
            window.interruptUnfinished(); // a stream that ends leaves no task running
        } else {
            window.forEachInFlight(Chunk::cancel);
        }
        endLocked();
    }

    /** → DONE, what still ran being stopped already: the outcome is final, the waiting threads are woken. */
    private void endLocked() {
        state = State.DONE;
        if (batchTimer != null) {
            batchTimer.cancel(false);
        }
        window.clearQueues();
        outcome = results.outcome(results.knownSize(pulled), retries,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), failure, busyNanos);
        changed.signalAll();
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
