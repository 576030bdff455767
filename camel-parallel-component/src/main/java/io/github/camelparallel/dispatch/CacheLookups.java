package io.github.camelparallel.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ItemTask;

/**
 * The dispatcher's side of a result cache ({@link ItemCache}): looks pulled items up before they are dispatched, lets
 * the hits settle without running, makes a chunk of the misses, and stores what succeeded (or failed for good). Without
 * a cache every lookup misses and every store does nothing, so the dispatcher has no cache branches of its own.
 * <p>
 * Thread-safe as far as the cache is: lookups run on the batch's submitting thread, outside the dispatcher's lock (a
 * lookup may read a disk); {@link #rest} runs under it; stores run on whichever thread reports the item.
 */
final class CacheLookups {

    /** Settles one item the cache answered, under the dispatcher's lock. */
    interface Hits {
        void settle(int index, ItemCache.Lookup found);
    }

    private final ItemCache cache; // null for none
    private final ItemTask task;
    private final long taskTimeoutMillis;

    CacheLookups(ItemCache cache, ItemTask task, long taskTimeoutMillis) {
        this.cache = cache;
        this.task = task;
        this.taskTimeoutMillis = taskTimeoutMillis;
    }

    /** Whether there is a cache to look up (a lookup without one answers null: every item runs). */
    boolean active() {
        return cache != null;
    }

    /** The cache's answer for each item pulled at {@code first} and on, or null when there is no cache (all miss). */
    ItemCache.Lookup[] lookUp(List<Object> items, int first) {
        if (cache == null || items.isEmpty()) {
            return null;
        }
        ItemCache.Lookup[] found = new ItemCache.Lookup[items.size()];
        for (int i = 0; i < found.length; i++) {
            found[i] = cache.lookup(items.get(i), first + i);
        }
        return found;
    }

    /**
     * Settles the items the cache answered through {@code hits} and returns a chunk of the others, with their indices;
     * null when none is left to run. Items after {@code lastToRun} (asked once the hits settled: a remembered failure
     * may have failed a stream in order) do not run.
     */
    Chunk rest(int first, List<Object> items, ItemCache.Lookup[] found, Hits hits,
            IntSupplier lastToRun) {
        if (found == null) {
            return new Chunk(first, items, 1, task, taskTimeoutMillis);
        }
        int[] missing = new int[items.size()];
        int misses = 0;
        for (int i = 0; i < found.length; i++) {
            if (found[i].hit()) {
                hits.settle(first + i, found[i]);
            } else {
                missing[misses++] = i;
            }
        }
        int last = lastToRun.getAsInt();
        while (misses > 0 && first + missing[misses - 1] > last) {
            misses--;
        }
        if (misses == 0) {
            return null;
        }
        if (misses == items.size()) {
            return new Chunk(first, items, 1, task, taskTimeoutMillis);
        }
        int[] indices = new int[misses];
        List<Object> rest = new ArrayList<>(misses);
        for (int m = 0; m < misses; m++) {
            indices[m] = first + missing[m];
            rest.add(items.get(missing[m]));
        }
        return new Chunk(indices, rest, 1, task, taskTimeoutMillis);
    }

    /** Remembers a success, before it settles: a later batch finds it. */
    void stored(Chunk chunk, int offset, Object result) {
        if (cache != null) {
            cache.store(chunk.item(offset), chunk.indexOf(offset), result);
        }
    }

    /** Remembers a reported run of successes ({@code values[0 .. count - 1]} from {@code fromOffset} on). */
    void stored(Chunk chunk, int fromOffset, Object[] values, int count) {
        if (cache != null) {
            for (int i = 0; i < count; i++) {
                cache.store(chunk.item(fromOffset + i), chunk.indexOf(fromOffset + i), values[i]);
            }
        }
    }

    /** Remembers that an item failed for good, if the cache keeps failures. */
    void failedForGood(Chunk chunk, int offset, Throwable error) {
        if (cache != null && cache.keepsFailures()) {
            cache.storeFailure(chunk.item(offset), chunk.indexOf(offset), error);
        }
    }
}
