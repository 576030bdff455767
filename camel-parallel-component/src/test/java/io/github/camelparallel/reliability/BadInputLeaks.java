package io.github.camelparallel.reliability;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Leak checks for the reliability tests: which threads and child processes of this JVM exist before and after, by
 * identity (a thread object, a pid), never by a count that other work could hide. Threads the JDK keeps for itself
 * (the process reaper, the common pool, attach and signal threads) are not ours and are left out. The waits are
 * generous bounds for a loaded machine; a check fails with the names of what is left.
 */
final class BadInputLeaks {

    /** JDK-owned (and JUnit timeout) threads that may appear during a test and linger idle by design. */
    private static final List<String> JDK_THREADS = List.of("process reaper", "ForkJoinPool.commonPool", "junit-timeout",
            "Attach Listener", "Common-Cleaner", "Signal Dispatcher", "Notification Thread", "JFR ",
            "VirtualThread-unblocker");

    private BadInputLeaks() {
    }

    /** The threads and live child processes at one moment. */
    record Snapshot(Set<Thread> threads, Set<Long> processes) {
    }

    static Snapshot take() {
        return new Snapshot(Set.copyOf(Thread.getAllStackTraces().keySet()), liveDescendants());
    }

    /** Pids of this JVM's live descendant processes. */
    static Set<Long> liveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** Waits until exactly {@code count} processes started after {@code before} are alive. */
    static void awaitNewProcesses(Snapshot before, int count, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Set<Long> extra = newProcesses(before);
        while (extra.size() != count && System.nanoTime() < deadline) {
            Thread.sleep(25);
            extra = newProcesses(before);
        }
        if (extra.size() != count) {
            fail("expected " + count + " child processes after " + bound + ", found " + extra.size() + ": "
                    + describe(extra));
        }
    }

    /** Waits until no thread started after {@code before} is alive (JDK-owned threads aside). */
    static void awaitNoNewThreads(Snapshot before, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Set<Thread> extra = newThreads(before);
        while (!extra.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            extra = newThreads(before);
        }
        if (!extra.isEmpty()) {
            fail("threads left after " + bound + ": " + extra.stream().map(Thread::getName).sorted().toList());
        }
    }

    /** Waits until no thread is inside a call to {@code taskClass} (a task left running is a leaked thread). */
    static void awaitNoThreadIn(Class<?> taskClass, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<String> inside = threadsIn(taskClass);
        while (!inside.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(25);
            inside = threadsIn(taskClass);
        }
        if (!inside.isEmpty()) {
            fail("threads still running " + taskClass.getSimpleName() + " after " + bound + ": " + inside);
        }
    }

    private static List<String> threadsIn(Class<?> taskClass) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(taskClass.getName())))
                .map(e -> e.getKey().getName()).toList();
    }

    private static Set<Long> newProcesses(Snapshot before) {
        Set<Long> now = liveDescendants();
        now.removeAll(before.processes());
        return now;
    }

    private static Set<Thread> newThreads(Snapshot before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.threads().contains(t))
                .filter(t -> JDK_THREADS.stream().noneMatch(t.getName()::startsWith))
                .collect(Collectors.toSet());
    }

    private static String describe(Set<Long> pids) {
        return pids.stream().map(pid -> pid + " " + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine())
                .map(c -> c.length() > 160 ? c.substring(0, 160) + "..." : c).orElse("?")).toList().toString();
    }
}
