package io.github.camelparallel.reliability;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a fault suite may not leave behind: threads and child processes. {@link #baseline()} records the live threads
 * and this JVM's descendant processes; {@link #awaitBack(long)} waits until every thread started since has ended
 * and no descendant process is left, and returns what is still there (empty when nothing leaked). The JDK's own
 * housekeeping threads that outlive their work by design (the process reaper, the common fork-join pool and the
 * virtual-thread carriers, idle for up to a minute) are not ours and are not counted. Immutable.
 */
final class ChaosLeaks {

    private static final List<String> JDK_HOUSEKEEPING = List.of("process reaper", "ForkJoinPool", "Common-Cleaner",
            "Attach Listener", "InnocuousThread", "VirtualThread-unparker", "VirtualThread-unblocker");

    private final Set<Long> threads;
    private final Set<Long> processes;

    private ChaosLeaks(Set<Long> threads, Set<Long> processes) {
        this.threads = threads;
        this.processes = processes;
    }

    static ChaosLeaks baseline() {
        return new ChaosLeaks(liveThreads().stream().map(Thread::getId).collect(Collectors.toSet()),
                descendantPids());
    }

    /** Live threads, ours and the JDK's housekeeping excluded. */
    static List<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> JDK_HOUSEKEEPING.stream().noneMatch(t.getName()::startsWith)).toList();
    }

    /** Process ids of every live descendant of this JVM (worker processes, member JVMs, their children). */
    static Set<Long> descendantPids() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** Threads started after the baseline and still alive: name, then where it is (the top frames). */
    List<String> newThreads() {
        return liveThreads().stream().filter(t -> !threads.contains(t.getId()))
                .map(t -> t.getName() + " at " + java.util.Arrays.stream(t.getStackTrace()).limit(12)
                        .map(StackTraceElement::toString).collect(Collectors.joining(" < ")))
                .sorted().toList();
    }

    /** Descendant processes started after the baseline and still alive, as command lines. */
    List<String> newProcesses() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> !processes.contains(p.pid()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    }

    /**
     * Waits up to {@code millis} for the threads and processes started since the baseline to end; returns the
     * leftovers (threads, then processes), empty when none.
     */
    List<String> awaitBack(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            List<String> left = new java.util.ArrayList<>(newThreads());
            left.addAll(newProcesses());
            if (left.isEmpty() || System.currentTimeMillis() > deadline) {
                return left;
            }
            Thread.sleep(50);
        }
    }
}
