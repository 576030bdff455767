package io.github.camelparallel.cache;

/**
 * Where cached results live: a key-value store of opaque entries. {@code cache=true} uses a {@link DiskResultCache}
 * per task; {@code cache=#myStore} uses yours, e.g. a Hazelcast {@code IMap<String, byte[]>} or Redis so that every
 * node of a cluster shares one cache.
 * <p>
 * Keys are lowercase hex SHA-256 digests of the task's identity, its version and the item (64 characters). Entries
 * carry their own checksum and key, so a store only has to keep bytes: an entry it returns damaged is detected,
 * ignored and recomputed. Implementations must be thread-safe; they may drop entries whenever they like (a dropped
 * entry is a miss). Exceptions they throw are logged and count as a miss (get) or a skipped store (put).
 */
public interface ResultCache {

    /** The entry stored under {@code key}, or null when there is none. */
    byte[] get(String key) throws Exception;

    /** Stores (or replaces) the entry under {@code key}. */
    void put(String key, byte[] entry) throws Exception;
}
