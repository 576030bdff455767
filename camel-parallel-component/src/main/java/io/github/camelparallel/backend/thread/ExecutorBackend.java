package io.github.camelparallel.backend.thread;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.camelparallel.spi.ChunkThreads;
import io.github.camelparallel.spi.BackendCapabilities;
import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;
import io.github.camelparallel.spi.ItemTask;
import io.github.camelparallel.spi.BackendStatus;
import io.github.camelparallel.spi.ObservableBackend;
import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.UnreportedResults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs chunks in this JVM on an {@link Executor}: platform threads ({@code backend=thread}) or virtual
 * threads ({@code backend=virtual}); only the executor differs.
 * <p>
 * Items of a chunk run one after another on one thread. {@code taskTimeout} arms an {@link ItemDeadline} per
 * item: a late item is interrupted and reported as failed with a {@link TimeoutException} at once, and the thread
 * goes on with the next item (a task that ignores interrupts keeps its thread until it returns: Java threads
 * cannot be killed; use the process backend for that; {@link StuckThreads} counts such threads, and the pool's
 * status is a problem when all of them are held). Chunks can also run on a blocked caller thread
 * ({@link #runInCaller}), which keeps nested batches deadlock-free.
 * <p>
 * <b>Slots.</b> When this backend created its executor ({@code lendsSlots}), {@code poolSize} slots bound the chunks
 * that run at once: a pool thread takes one before it claims a chunk, and a caller may borrow a free one to run a small
 * batch itself ({@link #runInCallerIfFree}), never waiting for it; so {@code poolSize} still holds, callers included.
 * A pool thread waits for a slot before claiming, so a caller that borrowed one can always claim (and help with)
 * the chunks of a batch it sends from inside its chunk. A user's executor lends nothing: its size is the user's.
 * <p>
 * States: NEW → STARTED ({@link #start()} acquires the executor) → STOPPED ({@link #stop()} releases it through
 * the release function, which shuts down only an executor this backend created; chunks it never ran are then failed
 * item by item, so no batch waits forever). {@code executor} is volatile: written by start/stop, read by submitting
 * threads; {@code queued} is a concurrent map. Thread-safe.
 */
public final class ExecutorBackend implements ParallelBackend, ObservableBackend {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorBackend.class);

    /** Most successes reported in one {@link ChunkListener#itemsDone} call. */
    static final int REPORT_RUN = 1024;

    /** A finished result waits at most about this long (ns) before it is reported, unless its item is still running. */
    static final long FLUSH_NANOS = 1_000_000L;

    private final String poolName;
    private final BackendCapabilities capabilities;
    private final Supplier<Executor> acquire;
    private final Consumer<Executor> release;
    private final ScheduledExecutorService scheduler;
    private volatile Executor executor;
    /** Chunks handed to the executor and not yet picked up by a thread; swept by {@link #stop()}. */
    private final Map<Chunk, ChunkListener> queued = new ConcurrentHashMap<>();
    /** Pool threads whose task ignores an interrupt, for {@link #status()}; thread-safe by itself. */
    private final StuckThreads stuck = new StuckThreads();
    /** Chunks running now; thread-safe by itself. */
    private final AtomicInteger running = new AtomicInteger();
    /** The slots pool threads and borrowing callers share; null when this backend lends none. */
    private final Semaphore slots;

    /**
     * @param acquire   creates (or looks up) the executor at start
     * @param release   gives it back at stop: shuts down what we created, leaves a user's executor alone
     * @param scheduler timer for item deadlines, owned by the caller
     */
    public ExecutorBackend(String poolName, int parallelism, Supplier<Executor> acquire,
            Consumer<Executor> release, ScheduledExecutorService scheduler) {
        this(poolName, parallelism, acquire, release, scheduler, false);
    }

    /**
     * @param lendsSlots whether callers may borrow a free slot to run a small batch themselves: only when the executor
     *                   is this backend's own, of {@code parallelism} threads (a user's pool has its own size)
     */
    public ExecutorBackend(String poolName, int parallelism, Supplier<Executor> acquire,
            Consumer<Executor> release, ScheduledExecutorService scheduler, boolean lendsSlots) {
        this.poolName = poolName;
        this.slots = lendsSlots ? new Semaphore(parallelism) : null;
        // in-JVM hand-off costs microseconds: 5..50 ms chunks hide it and still balance well
        this.capabilities = new BackendCapabilities(parallelism, true, 5_000_000L, 50_000_000L);
        this.acquire = acquire;
        this.release = release;
        this.scheduler = scheduler;
    }

    @Override
    public BackendCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void start() {
        stuck.clear();
        executor = acquire.get();
        LOG.debug("[{}] started with parallelism {}", poolName, capabilities.parallelism());
    }

    @Override
    public void execute(Chunk chunk, ChunkListener listener) {
        Executor current = executor;
        if (current == null) {
            throw new RejectedExecutionException("parallel:" + poolName + " is not started");
        }
        queued.put(chunk, listener);
        try {
            current.execute(() -> {
                boolean slot = takeSlot(); // before claiming: a borrowing caller may claim (help) meanwhile
                try {
                    queued.remove(chunk);
                    if (chunk.tryClaim()) {
                        run(chunk, listener, stuck);
                    }
                } finally {
                    if (slot) {
                        slots.release();
                    }
                }
            });
        } catch (RuntimeException e) {
            queued.remove(chunk);
            throw e;
        }
    }

    @Override
    public void runInCaller(Chunk chunk, ChunkListener listener) {
        run(chunk, listener, null); // a caller's thread is not one of the pool's: not counted when stuck
    }

    @Override
    public boolean runInCallerIfFree(Chunk chunk, ChunkListener listener) {
        if (slots == null || executor == null || !slots.tryAcquire()) {
            return false;
        }
        try {
            if (chunk.tryClaim()) {
                run(chunk, listener, null);
            }
        } finally {
            slots.release();
        }
        return true;
    }

    /**
     * A pool thread's slot, waited for while callers hold them all (briefly: they only borrow for small batches).
     * Interrupted while waiting (the pool stops): the interrupt is kept and the chunk runs without a slot, as a
     * running one would see the interrupt; it is never left unclaimed and unqueued.
     */
    private boolean takeSlot() {
        if (slots == null) {
            return false;
        }
        try {
            slots.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stop() {
        Executor current = executor;
        executor = null;
        if (current != null) {
            release.accept(current);
            LOG.debug("[{}] stopped", poolName);
        }
        // chunks the executor dropped without running them: fail their items so no batch waits forever
        for (Map.Entry<Chunk, ChunkListener> entry : queued.entrySet()) {
            Chunk chunk = entry.getKey();
            queued.remove(chunk);
            if (chunk.tryClaim()) {
                chunk.releaseRunner();
                RejectedExecutionException stopped = new RejectedExecutionException(
                        "parallel:" + poolName + " was stopped before " + chunk + " could run");
                for (int offset = 0; offset < chunk.size(); offset++) {
                    entry.getValue().itemDone(chunk, offset, null, stopped);
                }
                entry.getValue().chunkDone(chunk, 0);
            }
        }
    }

    @Override
    public BackendStatus status() {
        boolean started = executor != null;
        return new BackendStatus(started ? capabilities.parallelism() : 0, running.get(), queued.size(), 0,
                started ? stuck.problem(poolName, capabilities.parallelism()) : "parallel:" + poolName
                        + " is not running", stuck.count());
    }

    /** @param stuck where a pool thread records an interrupt its task ignores; null on a caller's thread */
    private void run(Chunk chunk, ChunkListener listener, StuckThreads stuck) {
        long start = System.nanoTime();
        running.incrementAndGet();
        LOG.trace("[{}] run {}", poolName, chunk);
        if (stuck != null) {
            // a batch timeout or stop interrupts this thread: count it until the chunk ends (checked again after
            // recording, so a hook that runs after the chunk ended leaves nothing behind)
            chunk.onInterrupt(() -> {
                stuck.interrupted(chunk);
                if (!chunk.hasRunner()) {
                    stuck.returned(chunk);
                }
            });
        }
        long ran = -1;
        ChunkThreads.enter();
        try {
            if (chunk.itemTimeoutMillis() > 0) {
                for (int offset = 0; offset < chunk.size() && !chunk.isCancelled(); offset++) {
                    runItem(chunk, offset, listener, stuck);
                }
            } else {
                ran = runBuffered(chunk, listener);
            }
        } finally {
            ChunkThreads.exit();
            if (chunk.releaseRunner() && stuck != null) {
                stuck.returned(chunk);
            }
            running.decrementAndGet();
        }
        listener.chunkDone(chunk, ran >= 0 ? ran : System.nanoTime() - start);
    }

    /**
     * Without item deadlines, successes are collected and reported in runs (one lock round per run instead of per
     * item), stored straight into the batch's result array when the chunk has one ({@link Chunk#resultArray()}: nothing
     * is copied or allocated per run), else in a buffer. A run is reported when its buffer holds {@value #REPORT_RUN}
     * results, or when {@value #FLUSH_NANOS} ns passed since
     * the last report (so a result waits about a millisecond at most, not for the rest of its chunk), or when an item
     * fails (what came before it first; fail-fast stays fast). The clock is read every {@code checkEvery} items, a
     * number that doubles while items are tiny and drops to 1 as soon as they take long, so tiny items pay about one
     * clock read per thousand. The run is published on the chunk ({@link UnreportedResults}): a batch that ends before
     * it is reported (a batch timeout) still counts its finished items as finished.
     *
     * @return how long the items ran, from the first one's start to the last one's end: the chunk's run time leaves
     *         out what setting the chunk up and finishing the batch cost (the last report may complete it), so a
     *         one-item chunk measures its item, not the hand-off (the time per item the endpoint learns is the task's
     *         wherever it ran, on a pool thread or on the caller)
     */
    private long runBuffered(Chunk chunk, ChunkListener listener) {
        int size = chunk.size();
        // read once: the cancelled flag is volatile, so the JIT would load these again after each item's check
        List<Object> items = chunk.items();
        ItemTask task = chunk.task();
        int attempt = chunk.attempt();
        UnreportedResults run = newRun(chunk, 0);
        int held = 0; // results in run, kept in a local: the run's own count is only written, for readers
        int checkEvery = 1;
        int limit = Math.min(run.capacity(), checkEvery); // the next count at which to look (full, or the clock)
        long lastCheck = System.nanoTime();
        long itemsStart = lastCheck;
        long lastReport = lastCheck;
        for (int offset = 0; offset < size && !chunk.isCancelled(); offset++) {
            Object result;
            try {
                result = task.apply(items.get(offset), chunk.indexOf(offset), attempt);
            } catch (Throwable t) { // a task's Error is the item's failure too, never the pool thread's death
                report(chunk, run, held, listener);
                listener.itemDone(chunk, offset, null, t);
                run = newRun(chunk, offset + 1);
                held = 0;
                limit = Math.min(run.capacity(), checkEvery);
                lastReport = System.nanoTime();
                continue;
            }
            run.put(held++, result);
            if (held == limit) { // one compare per item; the rest runs every checkEvery items
                long now = System.nanoTime();
                long sinceLastCheck = now - lastCheck;
                lastCheck = now;
                if (sinceLastCheck > FLUSH_NANOS / 4) {
                    checkEvery = 1; // slow items: look at the clock after each one
                } else if (sinceLastCheck < FLUSH_NANOS / 16 && checkEvery < REPORT_RUN) {
                    checkEvery <<= 1;
                }
                if (held == run.capacity() || now - lastReport >= FLUSH_NANOS) {
                    report(chunk, run, held, listener);
                    run = newRun(chunk, offset + 1);
                    held = 0;
                    lastReport = now;
                }
                limit = Math.min(run.capacity(), held + checkEvery);
            }
        }
        long itemsNanos = System.nanoTime() - itemsStart;
        report(chunk, run, held, listener);
        return itemsNanos;
    }

    /**
     * The run results go to from {@code fromOffset} on: straight into the chunk's result array when it has one (then
     * the rest of the chunk fits, and only the clock or a failure cuts the run), else a buffer of {@value #REPORT_RUN}.
     */
    private static UnreportedResults newRun(Chunk chunk, int fromOffset) {
        int rest = Math.max(0, chunk.size() - fromOffset);
        Object[] array = chunk.resultArray();
        UnreportedResults run = array != null
                ? new UnreportedResults(fromOffset, array, chunk.firstIndex() + fromOffset, rest) // contiguous
                : new UnreportedResults(fromOffset, Math.min(rest, REPORT_RUN));
        chunk.publishUnreported(run);
        return run;
    }

    private static void report(Chunk chunk, UnreportedResults run, int count, ChunkListener listener) {
        if (count == 0) {
            return;
        }
        if (run.inPlace()) {
            listener.itemsWritten(chunk, run.fromOffset(), count);
        } else {
            listener.itemsDone(chunk, run.fromOffset(), run.values(), count);
        }
    }

    /** One item under its {@code taskTimeout} deadline; only called when the chunk has one (see {@link #run}). */
    private void runItem(Chunk chunk, int offset, ChunkListener listener, StuckThreads stuck) {
        int index = chunk.indexOf(offset);
        ItemDeadline deadline = ItemDeadline.arm(scheduler, chunk.itemTimeoutMillis(), () -> {
            if (stuck != null) {
                stuck.interrupted(chunk); // until the task returns (below)
            }
            listener.itemDone(chunk, offset, null, new TimeoutException("Item " + index + " on parallel:"
                    + poolName + " exceeded taskTimeout of " + chunk.itemTimeoutMillis() + " ms (attempt "
                    + chunk.attempt() + ")"));
        });
        Object result = null;
        Throwable error = null;
        try {
            result = chunk.task().apply(chunk.item(offset), index, chunk.attempt());
        } catch (Throwable t) { // a task's Error is the item's failure too, never the pool thread's death
            error = t;
        }
        if (!deadline.disarm()) {
            if (stuck != null) {
                stuck.returned(chunk);
            }
            return; // already reported as timed out
        }
        listener.itemDone(chunk, offset, result, error);
    }
}
