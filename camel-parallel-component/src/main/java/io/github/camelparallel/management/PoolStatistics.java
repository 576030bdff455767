package io.github.camelparallel.management;

import java.util.concurrent.atomic.AtomicLong;

import io.github.camelparallel.dispatch.BatchOutcome;

/**
 * What a pool has done since it started (or since the last {@link #reset()}): batches, items completed, failed and
 * retried, and the time spent running them, from each batch's outcome. Recorded once per batch, so nothing is added
 * to the per-item path. Thread-safe (atomics); a reading taken during a reset may mix old and new counts.
 */
public final class PoolStatistics {

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong itemsCompleted = new AtomicLong();
    private final AtomicLong itemsFailed = new AtomicLong();
    private final AtomicLong itemsRetried = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong lastBatchMillis = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong cacheMisses = new AtomicLong();

    /** Adds a finished batch. */
    public void record(BatchOutcome outcome) {
        batches.incrementAndGet();
        itemsCompleted.addAndGet(outcome.size() - outcome.failedCount());
        itemsFailed.addAndGet(outcome.failedCount());
        itemsRetried.addAndGet(outcome.retries());
        busyNanos.addAndGet(outcome.busyNanos());
        lastBatchMillis.set(outcome.elapsedMillis());
    }

    /** Adds a finished batch's result-cache counts (batches with cache on). */
    public void recordCache(long hits, long misses) {
        cacheHits.addAndGet(hits);
        cacheMisses.addAndGet(misses);
    }

    /** Items answered by the result cache, not run. */
    public long cacheHits() {
        return cacheHits.get();
    }

    /** Items the result cache did not know, run. */
    public long cacheMisses() {
        return cacheMisses.get();
    }

    public long batches() {
        return batches.get();
    }

    /** Items that succeeded. */
    public long itemsCompleted() {
        return itemsCompleted.get();
    }

    /** Items that failed after their retries. */
    public long itemsFailed() {
        return itemsFailed.get();
    }

    /** Re-runs of failed attempts. */
    public long itemsRetried() {
        return itemsRetried.get();
    }

    /** Mean run time of an item in milliseconds (chunk run time over items finished), 0 before the first batch. */
    public double averageItemMillis() {
        long items = itemsCompleted.get() + itemsFailed.get();
        return items == 0 ? 0 : busyNanos.get() / 1e6 / items;
    }

    public long lastBatchMillis() {
        return lastBatchMillis.get();
    }

    public void reset() {
        batches.set(0);
        itemsCompleted.set(0);
        itemsFailed.set(0);
        itemsRetried.set(0);
        busyNanos.set(0);
        lastBatchMillis.set(0);
        cacheHits.set(0);
        cacheMisses.set(0);
    }
}
