package io.github.camelparallel.backend.remote;

/**
 * Where a remote backend reports the items of one run: the failed ones one by one, successes at consecutive offsets
 * in one call (one dispatcher lock per run of items, not per item). Implementations decide how a report reaches the
 * dispatcher (straight to the chunk's listener, or through a count of the chunk's unreported items).
 */
public interface ItemReports {

    /** The item at {@code offset} (within its chunk) failed with {@code error}. */
    void failed(int offset, Throwable error);

    /** {@code count} items from {@code fromOffset} on succeeded with {@code results[0..count)}. */
    void succeeded(int fromOffset, Object[] results, int count);
}
