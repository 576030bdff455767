package io.github.camelparallel.spi;

import java.util.BitSet;
import java.util.List;

/**
 * A run of items of one batch, dispatched as one unit of work: contiguous (fresh chunks, retries), or, when a result
 * cache answered some items of a run already, the remaining items with their batch indices ({@link #indexOf}).
 * <p>
 * States and transitions (the only mutable part, guarded by {@code this}):
 * <pre>
 *   NEW --tryClaim()--> RUNNING --(runner done)--> RUNNING (runner cleared)
 *   NEW --cancel()----> CANCELLED          (never run: nobody can claim it any more)
 *   RUNNING --cancel()-> RUNNING + cancelled flag: the runner stops before its next item;
 *                        interrupt() additionally interrupts the thread running it and runs the interrupt hook
 * </pre>
 * A backend whose chunks do not run on a thread of this JVM (worker processes) registers an interrupt hook
 * ({@link #onInterrupt}) to stop the work its own way, e.g. by killing the worker running it.
 * Exactly one party wins {@link #tryClaim()}: a pool thread, or a blocked caller helping its own batch.
 * The {@code reported} bit set belongs to the dispatcher and is guarded by the dispatcher's lock.
 */
public final class Chunk {

    private enum State { NEW, RUNNING, CANCELLED }

    private final int firstIndex;
    private final int[] indices; // batch index by offset when not contiguous, else null
    private final List<Object> items;
    private final int attempt;
    private final ItemTask task;
    private final long itemTimeoutMillis;
    private final BitSet reported = new BitSet();
    private volatile UnreportedResults unreported; // the runner's current run of unreported results, if it keeps one
    private Object[] resultArray; // set before the chunk is handed to a backend, never after

    // guarded by this
    private State state = State.NEW;
    private volatile boolean cancelled; // written under this, read without it (checked before every item)
    private boolean interrupted;
    private boolean interruptRequested;
    private Runnable interruptHook;
    private Thread runner;

    public Chunk(int firstIndex, List<Object> items, int attempt, ItemTask task, long itemTimeoutMillis) {
        this(firstIndex, null, items, attempt, task, itemTimeoutMillis);
    }

    /** A chunk of items at the given, ascending batch indices (one per item). */
    public Chunk(int[] indices, List<Object> items, int attempt, ItemTask task, long itemTimeoutMillis) {
        this(indices[0], indices, items, attempt, task, itemTimeoutMillis);
        if (indices.length != items.size()) {
            throw new IllegalArgumentException(indices.length + " indices for " + items.size() + " items");
        }
    }

    private Chunk(int firstIndex, int[] indices, List<Object> items, int attempt, ItemTask task,
            long itemTimeoutMillis) {
        this.firstIndex = firstIndex;
        this.indices = indices;
        this.items = items;
        this.attempt = attempt;
        this.task = task;
        this.itemTimeoutMillis = itemTimeoutMillis;
    }

    /** Batch index of the item at {@code offset}. */
    public int indexOf(int offset) {
        return indices == null ? firstIndex + offset : indices[offset];
    }

    /** Whether the items sit at consecutive batch indices from {@link #firstIndex()} (no cache hit left a gap). */
    public boolean isContiguous() {
        return indices == null;
    }

    public int firstIndex() {
        return firstIndex;
    }

    public int size() {
        return items.size();
    }

    public Object item(int offset) {
        return items.get(offset);
    }

    public List<Object> items() {
        return items;
    }

    /** 1 for a first run; retries are single-item chunks with a higher attempt. */
    public int attempt() {
        return attempt;
    }

    public ItemTask task() {
        return task;
    }

    /** Per-item attempt timeout in ms, 0 for none. */
    public long itemTimeoutMillis() {
        return itemTimeoutMillis;
    }

    /** Dispatcher-owned record of the offsets reported so far; guarded by the dispatcher. */
    public BitSet reported() {
        return reported;
    }

    /** Claims the chunk for running on the current thread; false if someone else claimed or cancelled it. */
    public synchronized boolean tryClaim() {
        if (state != State.NEW) {
            return false;
        }
        state = State.RUNNING;
        runner = Thread.currentThread();
        return true;
    }

    /** Stops the chunk: a NEW chunk never runs; a RUNNING one stops before its next item. */
    public synchronized void cancel() {
        cancelled = true;
        if (state == State.NEW) {
            state = State.CANCELLED;
        }
    }

    /**
     * Cancels and interrupts the thread running the chunk, if any, and runs the interrupt hook, if any (batch
     * timeout, caller interrupted). The hook runs on the calling thread, outside this chunk's monitor, at most once.
     */
    public void interrupt() {
        Runnable hook;
        synchronized (this) {
            cancel();
            interruptRequested = true;
            if (runner != null) {
                interrupted = true;
                runner.interrupt();
            }
            hook = interruptHook;
            interruptHook = null;
        }
        if (hook != null) {
            hook.run();
        }
    }

    /**
     * Registers what to do when the chunk is interrupted, for work that runs outside this JVM's threads; runs it at
     * once if the chunk was interrupted already. The hook must not block (it may run under the dispatcher's lock).
     */
    public void onInterrupt(Runnable hook) {
        boolean now;
        synchronized (this) {
            now = interruptRequested;
            if (!now) {
                interruptHook = hook;
            }
        }
        if (now) {
            hook.run();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Called by the runner when it is done: detaches the thread so a late {@link #interrupt()} cannot hit the
     * thread's next chunk, and clears an interrupt this chunk delivered (it was meant for this chunk only).
     *
     * @return whether {@link #interrupt()} interrupted the runner
     */
    public boolean releaseRunner() {
        boolean clear;
        synchronized (this) {
            runner = null;
            clear = interrupted;
        }
        if (clear) {
            Thread.interrupted();
        }
        return clear;
    }

    /** Whether a thread runs the chunk now (claimed and not released yet). */
    public synchronized boolean hasRunner() {
        return runner != null;
    }

    /**
     * The dispatcher, before it hands the chunk to a backend: a runner may store the result of the item at
     * {@code offset} straight into {@code array[indexOf(offset)]} and then report it with
     * {@link ChunkListener#itemsWritten}, instead of collecting it in a buffer of its own (a contiguous fresh chunk of
     * a batch assembled in input order). Handing the chunk over publishes it.
     */
    public void writeResultsTo(Object[] array) {
        this.resultArray = array;
    }

    /** Where a runner may store results by batch index ({@link #writeResultsTo}), or null: report values instead. */
    public Object[] resultArray() {
        return resultArray;
    }

    /** The runner: the run it now collects results in ({@link UnreportedResults}); replaces the previous one. */
    public void publishUnreported(UnreportedResults run) {
        unreported = run;
    }

    /** The runner's current run of finished, not yet reported results, or null (the dispatcher reads it). */
    public UnreportedResults unreported() {
        return unreported;
    }

    @Override
    public String toString() {
        return "chunk[" + firstIndex + ".." + indexOf(items.size() - 1) + (indices == null ? "" : " (" + items.size()
                + " items)") + ", attempt " + attempt + "]";
    }
}
