package io.github.camelparallel.cache;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelparallel.dispatch.ItemCache;
import io.github.camelparallel.dispatch.ItemCache.Lookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result cache of one task on one pool: keys made of the task's identity and version and the item, entries
 * encoded with checksums, kept in a {@link ResultCache} store. {@link #forBatch()} gives each batch an
 * {@link ItemCache} that counts its own hits and misses.
 * <p>
 * Nothing here throws at the dispatcher: an item without a JSON form, a result of a class the cache may not name, a
 * damaged entry or a failing store are logged (once per class, or at debug) and the item simply runs. A damaged entry
 * is overwritten by the item's fresh result. Thread-safe.
 */
public final class TaskResultCache {

    private static final Logger LOG = LoggerFactory.getLogger(TaskResultCache.class);

    private final String poolName;
    private final ResultCache store;
    private final CacheKeys keys;
    private final CacheEntryCodec codec;
    private final boolean cacheErrors;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicLong damaged = new AtomicLong();

    /**
     * @param task        what identifies the task and its code
     * @param store       where entries live: the user's store, or a {@link DiskResultCache} in the task's folder
     * @param cacheErrors whether failures are remembered too
     */
    public TaskResultCache(String poolName, CachedTask task, ResultCache store, boolean cacheErrors) {
        this.poolName = poolName;
        this.store = store;
        this.keys = new CacheKeys(task.identity(), task.version());
        ClassLoader loader = task.taskClass() != null && task.taskClass().getClassLoader() != null
                ? task.taskClass().getClassLoader() : Thread.currentThread().getContextClassLoader();
        this.codec = new CacheEntryCodec(task.resultType(), loader,
                task.taskClass() == null ? null : TaskVersion.CodeRoot.of(task.taskClass()));
        this.cacheErrors = cacheErrors;
        LOG.info("[{}] result cache on: task {} version {}, store {}", poolName, task.identity(), task.version(),
                store instanceof DiskResultCache disk ? disk.dir() : store);
    }

    /** The task whose results are cached, as far as keys and entries need it. */
    public record CachedTask(String identity, String version, Class<?> taskClass, Type resultType) {

        /** The task's folder name under {@code cacheDir}: its identity made safe for a file name. */
        public String folderName() {
            String safe = identity.replaceAll("[^A-Za-z0-9._-]", "_");
            if (safe.equals(identity) && safe.length() <= 120) {
                return safe;
            }
            return (safe.length() > 80 ? safe.substring(0, 80) : safe) + "-"
                    + CacheKeys.sha256Hex(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        }
    }

    public ResultCache store() {
        return store;
    }

    /** Entries found damaged (checksum, truncation, foreign key) and recomputed since this cache was made. */
    public long damagedEntries() {
        return damaged.get();
    }

    /** A view for one batch, counting that batch's hits and misses. */
    public Batch forBatch() {
        return forBatch(null);
    }

    /**
     * A view for one batch whose {@code cacheKey} expression gave {@code batchKey} (null without one): it is mixed into
     * every item's key, so batches that differ in it (a header the task reads) never share entries.
     */
    public Batch forBatch(String batchKey) {
        return new Batch(batchKey);
    }

    /** One batch's use of the cache. Thread-safe. */
    public final class Batch implements ItemCache {

        private final AtomicLong hits = new AtomicLong();
        private final AtomicLong misses = new AtomicLong();
        private final String batchKey;

        private Batch(String batchKey) {
            this.batchKey = batchKey;
        }

        public long hits() {
            return hits.get();
        }

        public long misses() {
            return misses.get();
        }

        @Override
        public Lookup lookup(Object item, int index) {
            Lookup found = find(item, index, batchKey);
            (found.hit() ? hits : misses).incrementAndGet();
            return found;
        }

        @Override
        public void store(Object item, int index, Object result) {
            String key = keyOrNull(item, index, batchKey);
            if (key == null) {
                return;
            }
            try {
                byte[] entry = codec.encodeResult(key, result);
                if (entry == null) {
                    warnOnce("result:" + result.getClass().getName(), "results of class {} are not cached: only JSON"
                            + " scalars, java.util collections, the task's declared result type and classes from the"
                            + " task's own jar or folder are", result.getClass().getName());
                    return;
                }
                store.put(key, entry);
            } catch (IllegalArgumentException e) {
                warnOnce("inexact:" + result.getClass().getName(), "results like item {}'s are not cached, they would not"
                        + " read back equal: {}", index, e.getMessage());
            } catch (Exception e) {
                warnOnce("store:" + e.getClass().getName(), "cannot store the result of item {} in the cache: {}",
                        index, e.toString());
            }
        }

        @Override
        public void storeFailure(Object item, int index, Throwable failure) {
            String key = cacheErrors ? keyOrNull(item, index, batchKey) : null;
            if (key == null) {
                return;
            }
            try {
                store.put(key, codec.encodeFailure(key, failure));
            } catch (Exception e) {
                warnOnce("store:" + e.getClass().getName(), "cannot store the failure of item {} in the cache: {}",
                        index, e.toString());
            }
        }

        @Override
        public boolean keepsFailures() {
            return cacheErrors;
        }
    }

    private Lookup find(Object item, int index, String batchKey) {
        String key = keyOrNull(item, index, batchKey);
        if (key == null) {
            return Lookup.MISS;
        }
        try {
            byte[] entry = store.get(key);
            if (entry == null) {
                return Lookup.MISS;
            }
            Lookup found = codec.decode(key, entry);
            if (found == null) {
                damaged.incrementAndGet();
                LOG.warn("[{}] the cache entry of item {} is damaged or unreadable (key {}); recomputing it", poolName,
                        index, key);
                return Lookup.MISS;
            }
            return found;
        } catch (Exception e) {
            damaged.incrementAndGet();
            LOG.warn("[{}] cannot read the cache entry of item {} (key {}): {}; recomputing it", poolName, index, key,
                    e.toString());
            return Lookup.MISS;
        }
    }

    private String keyOrNull(Object item, int index, String batchKey) {
        try {
            return keys.keyOf(item, batchKey);
        } catch (Exception e) {
            String type = item == null ? "null" : item.getClass().getName();
            warnOnce("item:" + type, "items of class {} are not cached: they have no JSON form to key them by (item {}:"
                    + " {})", type, index, e.getMessage());
            return null;
        }
    }

    private void warnOnce(String what, String message, Object... args) {
        if (warned.add(what)) {
            Object[] all = new Object[args.length + 1];
            all[0] = poolName;
            System.arraycopy(args, 0, all, 1, args.length);
            LOG.warn("[{}] " + message, all);
        }
    }
}
