package io.github.camelparallel.backend.process;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A worker process with its own child processes (a shell's {@code sleep &}, a library's helper), so that killing or
 * stopping a worker ends them too: "no worker outlives the pool" covers a worker's descendants.
 * <p>
 * Why remembered: once a worker exits, the system re-parents its children and they can no longer be found from it.
 * So the descendants are looked up while the worker is alive, when it says hello ({@link #remember()}: children it
 * started before its first run) and right before it is killed or stopped; each kill ends the descendants found then
 * and those remembered. A child started during a run by a worker that then exits on its own, without being killed,
 * cannot be found and is left to the system (documented). PIDs are never reused by mistake: {@link ProcessHandle}
 * compares start times before it signals. Thread-safe.
 */
final class ProcessTree {

    private final Process process;
    private final Set<ProcessHandle> remembered = new LinkedHashSet<>(); // guarded by this

    ProcessTree(Process process) {
        this.process = process;
    }

    /** Remembers the worker's descendants alive now (a no-op once the worker has exited). */
    void remember() {
        if (!process.isAlive()) {
            return;
        }
        Set<ProcessHandle> now = new LinkedHashSet<>();
        process.descendants().forEach(now::add);
        synchronized (this) {
            remembered.addAll(now);
        }
    }

    /** Asks the worker and its descendants to stop (SIGTERM). */
    void destroy() {
        remember();
        process.destroy();
        descendants().forEach(ProcessHandle::destroy);
    }

    /** Kills the worker and its descendants at once (SIGKILL). */
    void destroyForcibly() {
        remember();
        process.destroyForcibly();
        descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** Kills the remembered descendants still alive (the worker itself has exited, or is left alone). */
    void destroyLeftovers() {
        descendants().stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Waits for the worker to exit; false on timeout. */
    boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    private synchronized Set<ProcessHandle> descendants() {
        return new LinkedHashSet<>(remembered);
    }
}
