package io.github.camelparallel.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.github.camelparallel.backend.OwnFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default result store: one folder per task, one file per entry ({@code <dir>/<key>}), surviving
 * restarts, shared safely by threads and by several JVMs on one file system.
 * <p>
 * <b>Writes</b> go to a temporary file in the entry's folder, then an atomic rename replaces the entry, so a reader
 * (in this JVM or another) sees the old entry, the new one, or none, never half of one; two writers of the same key
 * both write whole entries and the last rename wins (they hold the same result). A JVM killed mid-write leaves only a
 * temporary file, removed by the next eviction pass once it is an hour old. <b>Reads</b> touch the entry's
 * modification time, which is what least-recently-used eviction orders by.
 * <p>
 * <b>Bound.</b> The store tracks its size (a scan at the first write, then what it writes); when a write takes it past
 * {@code maxBytes}, the writing thread scans the folder (so other JVMs' entries count too) and deletes the least
 * recently used entries until it is at 90% of the bound. One eviction pass at a time per store object; other
 * writers that went past the bound meanwhile wait for it, so a store at rest is within its bound.
 */
public final class DiskResultCache implements ResultCache {

    private static final Logger LOG = LoggerFactory.getLogger(DiskResultCache.class);
    private static final String TEMP_SUFFIX = ".tmp";
    private static final long STALE_TEMP_MILLIS = 3_600_000;
    private static final long PID = ProcessHandle.current().pid();

    private final Path dir;
    private final long maxBytes;
    private final String poolName;
    private final AtomicLong approxBytes = new AtomicLong(-1); // -1 until the first scan
    private final ReentrantLock evicting = new ReentrantLock(); // one eviction pass at a time

    /**
     * @param dir      the task's folder (created, with its parents, owner-only (0700) where the file system allows; an
     *                 existing one, and its parent, must be this user's and writable by nobody else)
     * @param maxBytes the bound on the entries' total size, > 0
     * @param poolName for log lines
     */
    public DiskResultCache(Path dir, long maxBytes, String poolName) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("Option cacheMaxBytes of parallel:" + poolName + " must be > 0 but was "
                    + maxBytes);
        }
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.poolName = poolName;
        // results may be private and entries are trusted: folders this store creates are the user's alone, and an
        // existing one (the task's folder and cacheDir above it) must be this user's and writable by nobody else
        try {
            OwnFolders.ensure(dir, OwnFolders.Strictness.OWNER_WRITES);
            if (dir.getParent() != null) {
                OwnFolders.check(dir.getParent(), OwnFolders.Strictness.OWNER_WRITES);
            }
        } catch (IOException e) {
            throw new IOException("Option cacheDir of parallel:" + poolName + ": the result cache refuses a folder"
                    + " others could plant entries in: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public byte[] get(String key) throws IOException {
        Path entry = entryPath(key);
        try {
            byte[] bytes = Files.readAllBytes(entry);
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
            return bytes;
        } catch (NoSuchFileException e) {
            return null; // never stored, or evicted (perhaps by another JVM) while we looked
        }
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        if (value.length > maxBytes) {
            LOG.debug("[{}] a cache entry of {} bytes exceeds cacheMaxBytes {}; not stored", poolName, value.length,
                    maxBytes);
            return;
        }
        Path entry = entryPath(key);
        // a name unique to this JVM and thread: nobody else writes it (a crashed writer's leftover is overwritten)
        Path temp = entry.resolveSibling(key + "." + PID + "." + Thread.currentThread().getId() + TEMP_SUFFIX);
        try {
            writeTemp(temp, value);
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp); // moved into place it is gone already: only a failed write leaves it
            throw e;
        }
        long size = approxBytes.get() < 0 ? firstScan() : approxBytes.addAndGet(value.length);
        if (size > maxBytes) {
            evict();
        }
    }

    private void writeTemp(Path temp, byte[] value) throws IOException {
        try {
            Files.write(temp, value);
        } catch (NoSuchFileException e) { // the folder was deleted under us: make it again, once
            Files.createDirectories(temp.getParent());
            Files.write(temp, value);
        }
    }

    private long firstScan() {
        long total = scan().total;
        approxBytes.compareAndSet(-1, total);
        return total;
    }

    /** The entries' total size on disk now (scanned). */
    public long sizeOnDisk() {
        return scan().total;
    }

    /**
     * Deletes least recently used entries until the store is at 90% of its bound, if it is over it. One pass at a time;
     * a writer that finds the store back under its bound after waiting does nothing. The running size is adjusted by
     * what the scan found and deleted, never overwritten, so a write racing with the pass is not lost from it.
     */
    void evict() {
        evicting.lock();
        try {
            long before = approxBytes.get();
            if (before <= maxBytes) {
                return; // another writer's pass already made room
            }
            Listing listing = scan();
            long total = listing.total;
            if (total > maxBytes) {
                long target = maxBytes / 10 * 9;
                listing.entries.sort(Comparator.comparing(e -> e.modified));
                int deleted = 0;
                for (Entry e : listing.entries) {
                    if (total <= target) {
                        break;
                    }
                    try {
                        Files.deleteIfExists(e.path);
                        total -= e.size;
                        deleted++;
                    } catch (IOException ex) {
                        LOG.debug("[{}] cannot evict {}: {}", poolName, e.path, ex.toString());
                    }
                }
                LOG.debug("[{}] cache eviction: {} entries deleted, {} bytes left of {}", poolName, deleted, total,
                        maxBytes);
            }
            approxBytes.addAndGet(total - before);
        } finally {
            evicting.unlock();
        }
    }

    private Path entryPath(String key) {
        if (key.length() < 3 || key.indexOf('/') >= 0 || key.indexOf('\\') >= 0 || key.startsWith(".")) {
            throw new IllegalArgumentException("not a cache key: " + key);
        }
        return dir.resolve(key);
    }

    private record Entry(Path path, long size, FileTime modified) {
    }

    private record Listing(List<Entry> entries, long total) {
    }

    /** Every entry with its size and last use; removes stale temporary files on the way. */
    private Listing scan() {
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue; // evicted or renamed meanwhile
                }
                if (!attributes.isRegularFile()) {
                    continue;
                }
                if (file.getFileName().toString().endsWith(TEMP_SUFFIX)) {
                    if (now - attributes.lastModifiedTime().toMillis() > STALE_TEMP_MILLIS) {
                        Files.deleteIfExists(file); // left by a writer that died mid-write
                    }
                    continue;
                }
                entries.add(new Entry(file, attributes.size(), attributes.lastModifiedTime()));
                total += attributes.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("[" + poolName + "] cannot list the result cache " + dir, e);
        }
        return new Listing(entries, total);
    }
}
