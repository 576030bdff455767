package io.github.camelparallel.dispatch;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntPredicate;

import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;
import io.github.camelparallel.spi.ParallelBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a batch's window: ready retry chunks first, then fresh chunks pulled from the source (looked up in the cache
 * first), handed to the backend in the order they were taken. Pulling, looking up and submitting happen outside the
 * batch's lock.
 * <p>
 * Only one thread submits (and pulls) at a time ({@code submitting}): a thread that finds another submitting leaves,
 * and the submitter re-checks under the lock before it stops, so no refill is lost (a stream's consumer that stops
 * after running a chunk re-checks in {@link #consumerWaitLocked} before it waits). A lazy input under a batch
 * timeout ({@code readsOffCaller}) is read on a hand-off thread, never on the caller's or the consumer's: a read that
 * blocks (and ignores interrupts) must not keep them past the timeout.
 * <p>
 * A small batch may run on its caller ({@link #runHereOn}): while that thread pumps, it runs each chunk itself when the
 * backend lends it a free slot ({@link ParallelBackend#runInCallerIfFree}), and submits it otherwise; a stream's
 * consumer does the same with the chunks it expects to be that short ({@link #pumpAsConsumer}). A caller that
 * waits for its batch may help instead ({@link #helpOrAwaitLocked}): it runs chunks no pool thread has claimed yet.
 */
final class ChunkPump {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** True on a hand-off thread while it pumps for a batch that reads off the caller. */
    private static final ThreadLocal<Boolean> READING_OFF_CALLER = ThreadLocal.withInitial(() -> false);

    private final String poolName;
    private final BatchRun run;
    private final BatchSource source;
    private final ParallelBackend backend;
    private final ChunkListener listener;
    private final CacheLookups cache;
    private final Executor handoff;
    private final boolean readsOffCaller;
    private final Runnable complete; // completes the batch once it is done, outside the lock

    /** The caller's thread while a small batch runs on it (set inside start), else null. */
    private volatile Thread runsHere;
    /** True while {@code runsHere} runs a chunk; read and written by that thread only. */
    private boolean runningHere;

    // guarded by run.lock
    private boolean submitting;
    private boolean handedOff; // a pump is queued on the hand-off executor (readsOffCaller)

    ChunkPump(String poolName, BatchRun run, BatchSource source, ParallelBackend backend, ChunkListener listener,
            CacheLookups cache, Executor handoff, boolean readsOffCaller, Runnable complete) {
        this.poolName = poolName;
        this.run = run;
        this.source = source;
        this.backend = backend;
        this.listener = listener;
        this.cache = cache;
        this.handoff = handoff;
        this.readsOffCaller = readsOffCaller;
        this.complete = complete;
    }

    /** Lets {@code caller} run the chunks it pumps itself (null: none runs on its caller any more). */
    void runHereOn(Thread caller) {
        runsHere = caller;
    }

    /** Whether the current thread is the caller, running a chunk of this batch itself now. */
    boolean runningHere() {
        return Thread.currentThread() == runsHere && runningHere;
    }

    /** Fills the window, here or (reading off the caller) on a hand-off thread. Call outside the lock. */
    void pump() {
        if (readsOffCaller && !READING_OFF_CALLER.get() && handOff()) {
            return;
        }
        pumpHere(null);
    }

    /**
     * A stream's consumer fills the window: a chunk {@code runsHere} accepts (by its size) runs on this thread when the
     * backend lends a free slot, and the pump then stops, so the consumer takes those results before it reads more
     * input; other chunks are submitted. Null {@code runsHere} (or a batch that reads off the caller): {@link #pump}.
     * Call outside the lock.
     */
    void pumpAsConsumer(IntPredicate runsHere) {
        if (runsHere == null || readsOffCaller) {
            pump();
        } else {
            pumpHere(runsHere);
        }
    }

    /**
     * A stream's consumer has nothing to take: it pumps when it just freed slots (passing over skipped failures), or
     * when nobody pumps and the window would take a chunk (it stops pumping after each chunk it runs, so it goes on
     * here); else it helps or waits ({@link #helpOrAwaitLocked}). Called and returns with the lock held.
     */
    void consumerWaitLocked(IntPredicate runsHere, boolean freed) {
        if (freed || runsHere != null && !readsOffCaller && !submitting
                && (run.window.hasReadyRetry() || run.freshWantedLocked(source.remaining()) > 0)) {
            run.lock.unlock();
            try {
                pumpAsConsumer(runsHere);
            } finally {
                run.lock.lock();
            }
            return;
        }
        helpOrAwaitLocked();
    }

    /** Queues a pump on the hand-off executor; true when one is queued (now or before), false when refused. */
    private boolean handOff() {
        run.lock.lock();
        try {
            if (handedOff || run.doneLocked()) {
                return true; // the queued pump re-checks everything when it runs
            }
            handedOff = true;
        } finally {
            run.lock.unlock();
        }
        try {
            handoff.execute(() -> {
                setHandedOff(false);
                READING_OFF_CALLER.set(true);
                try {
                    pumpHere(null);
                } finally {
                    READING_OFF_CALLER.remove();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            setHandedOff(false);
            return false; // stopping: read here
        }
    }

    private void setHandedOff(boolean value) {
        run.lock.lock();
        try {
            handedOff = value;
        } finally {
            run.lock.unlock();
        }
    }

    /** @param consumerRuns a stream consumer's choice of the chunks it runs itself (null: none) */
    private void pumpHere(IntPredicate consumerRuns) {
        run.lock.lock();
        try {
            if (submitting) {
                return;
            }
            submitting = true;
        } finally {
            run.lock.unlock();
        }
        boolean finished = false;
        boolean owner = true; // this thread holds the submitter role until it gives it up under the lock
        try {
            while (!finished) {
                Chunk chunk;
                int want = 0;
                run.lock.lock();
                try {
                    chunk = run.takeRetryLocked();
                    if (chunk == null) {
                        want = run.freshWantedLocked(source.remaining());
                    }
                    if (chunk == null && want == 0) {
                        submitting = false; // given up under the lock: another thread may take the role at once
                        owner = false;
                        return;
                    }
                } finally {
                    run.lock.unlock();
                }
                if (chunk == null) {
                    List<Object> items;
                    try {
                        items = source.pull(want);
                    } catch (RuntimeException e) {
                        finished = inputFailed(e);
                        continue;
                    }
                    ItemCache.Lookup[] found = lookUp(items); // outside the lock: a store may read a disk
                    run.lock.lock();
                    try {
                        chunk = run.openLocked(items, source.ended(), cache, found);
                        finished = chunk == null && run.finishIfAllSettledLocked();
                    } finally {
                        run.lock.unlock();
                    }
                    if (chunk == null) {
                        continue;
                    }
                }
                if (Thread.currentThread() == runsHere && runHere(chunk)) {
                    finished = run.locked(run::doneLocked);
                    continue;
                }
                if (consumerRuns != null && consumerRuns.test(chunk.size()) && runHere(chunk)) {
                    finished = run.locked(run::doneLocked);
                    if (!finished) {
                        return; // the consumer takes these results first (its next take pumps again)
                    }
                    continue;
                }
                LOG.trace("[{}] submit {}", poolName, chunk);
                try {
                    backend.execute(chunk, listener);
                } catch (RuntimeException e) {
                    finished = rejected(chunk, e);
                }
            }
        } finally {
            if (owner) { // never clear a role another thread took after this one gave it up
                run.lock.lock();
                try {
                    submitting = false;
                } finally {
                    run.lock.unlock();
                }
            }
        }
        complete.run();
    }

    /**
     * A waiting caller (helping, or a stream's consumer): runs one unclaimed chunk of the batch on this thread, or waits
     * for a change. Called and returns with the lock held. Interrupted while waiting, it fails the batch.
     */
    void helpOrAwaitLocked() {
        Chunk chunk = run.window.unclaimed();
        if (chunk != null) {
            run.lock.unlock();
            try {
                if (chunk.tryClaim()) {
                    backend.runInCaller(chunk, listener);
                }
            } finally {
                run.lock.lock();
            }
            return;
        }
        try {
            run.changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (run.abortLocked(e, "the waiting thread was interrupted", BatchRun.EarlyEnd.FAILS_BATCH)) {
                run.lock.unlock();
                try {
                    complete.run();
                } finally {
                    run.lock.lock();
                }
            }
        }
    }

    /** Runs the chunk on this (the caller's) thread if the backend lends a slot; false when it must be submitted. */
    private boolean runHere(Chunk chunk) {
        LOG.trace("[{}] run on the caller {}", poolName, chunk);
        runningHere = true;
        try {
            return backend.runInCallerIfFree(chunk, listener);
        } finally {
            runningHere = false;
        }
    }

    /** The cache's answer for each pulled item (indices from the pulled count on), or null without a cache. */
    private ItemCache.Lookup[] lookUp(List<Object> items) {
        if (!cache.active() || items.isEmpty()) {
            return null;
        }
        // the first index is the pulled count: only the submitter moves it, and this thread is the submitter
        return cache.lookUp(items, run.locked(run::pulledLocked));
    }

    private boolean inputFailed(RuntimeException e) {
        return run.locked(() -> run.inputFailedLocked(e));
    }

    private boolean rejected(Chunk chunk, RuntimeException e) {
        RejectedExecutionException cause = e instanceof RejectedExecutionException r ? r
                : new RejectedExecutionException(e.getMessage(), e);
        return run.locked(() -> run.abortLocked(cause, "the pool refused " + chunk + ": " + e.getMessage(),
                BatchRun.EarlyEnd.FAILS_BATCH));
    }
}
