package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code maxWorkerMemory}: whether a worker process grew past the bound, read from the OS after each of its runs, and
 * how many workers were replaced for it. The resident set size is the {@code VmRSS} line of {@code /proc/<pid>/status}
 * (Linux; the worker process itself, not its children); where there is no {@code /proc} the bound is never reached
 * and a warning says so once. No new dependency, no child process. Thread-safe.
 */
final class WorkerMemory {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMemory.class);

    private final String poolName;
    private final long maxBytes;
    private final AtomicLong recycles = new AtomicLong();
    private volatile boolean unsupportedLogged;

    WorkerMemory(String poolName, long maxBytes) {
        this.poolName = poolName;
        this.maxBytes = maxBytes;
    }

    /** True when a bound is set and the process's resident memory is over it; reads the OS (call outside locks). */
    boolean exceeded(long pid) {
        if (maxBytes <= 0) {
            return false;
        }
        long resident = residentBytes(pid);
        if (resident < 0 && !unsupportedLogged) {
            unsupportedLogged = true;
            LOG.warn("[{}] maxWorkerMemory has no effect here: the resident memory of a worker is read from"
                    + " /proc/<pid>/status, which this system does not have", poolName);
        }
        if (resident > maxBytes) {
            LOG.info("[{}] worker pid {} uses {} MB resident, over maxWorkerMemory ({} MB): replacing it after its run",
                    poolName, pid, resident >> 20, maxBytes >> 20);
            return true;
        }
        return false;
    }

    /** Counts a worker replaced for its memory. */
    void recycled() {
        recycles.incrementAndGet();
    }

    /** Workers replaced for their memory since the pool started. */
    long recycles() {
        return recycles.get();
    }

    /** The resident bytes of a process, or -1 when the OS does not tell (no /proc) or the process is gone. */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String[] words = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(words[0]) * 1024; // the kernel writes kB (KiB)
                }
            }
            return -1;
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read the resident memory of pid {}: {}", pid, e.toString());
            return -1;
        }
    }
}
