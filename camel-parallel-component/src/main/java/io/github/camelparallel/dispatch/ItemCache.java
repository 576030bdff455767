package io.github.camelparallel.dispatch;

/**
 * Results remembered from earlier runs of the same task, as the dispatcher sees them: looked up before an item is
 * dispatched (a hit settles the item without running it), stored when an item succeeds (and, if the cache keeps
 * failures, when it fails for good). One instance serves one batch, so it can count that batch's hits and misses.
 * <p>
 * Implementations must be thread-safe: lookups run on the batch's submitting thread, stores on whichever thread
 * reports the item (a pool thread, a worker's reader thread). Neither may throw: a store that cannot read or write an
 * entry answers a miss, and the item simply runs.
 */
public interface ItemCache {

    /** What a lookup found: a result, a remembered failure, or nothing ({@link #MISS}). */
    record Lookup(boolean hit, Object result, Throwable failure) {

        public static final Lookup MISS = new Lookup(false, null, null);

        public static Lookup result(Object result) {
            return new Lookup(true, result, null);
        }

        public static Lookup failure(Throwable failure) {
            return new Lookup(true, null, failure);
        }
    }

    /** Looks up the item at {@code index} (for messages). Never throws. */
    Lookup lookup(Object item, int index);

    /** Remembers the item's result. Never throws. */
    void store(Object item, int index, Object result);

    /** Remembers that the item failed for good; does nothing unless the cache keeps failures. Never throws. */
    void storeFailure(Object item, int index, Throwable failure);

    /** Whether {@link #storeFailure} keeps anything (so the dispatcher can skip the call). */
    boolean keepsFailures();
}
