package io.github.camelparallel.backend.hazelcast;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.camelparallel.worker.RunExecutor;

/**
 * What a cluster member keeps between chunks: one task instance per task class (created on first use with the
 * class's public no-arg constructor, as a worker process does), the threads running chunks by run id, so that a
 * {@link CancelRun} can interrupt them, and the runs cancelled before they started here (for ten minutes), so that a
 * chunk still queued on this member when its cancel came never starts. Static because a member's tasks arrive as deserialized objects with no other
 * way to share state; thread-safe (concurrent maps).
 */
final class MemberTasks {

    private static final Map<String, RunExecutor> EXECUTORS = new ConcurrentHashMap<>();
    private static final Map<String, Thread> RUNNING = new ConcurrentHashMap<>();
    private static final Map<String, Long> CANCELLED = new ConcurrentHashMap<>();
    private static final long CANCEL_MEMORY_NANOS = 600_000_000_000L;
    /** Runs started on this JVM since it started (for tests and management). */
    private static final AtomicLong STARTED = new AtomicLong();

    private MemberTasks() {
    }

    /** The executor of a task class, loaded with this member's class loader; failures name the class. */
    static RunExecutor executor(String taskClass) {
        return EXECUTORS.computeIfAbsent(taskClass, MemberTasks::create);
    }

    private static RunExecutor create(String taskClass) {
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(taskClass, false, loader != null ? loader : MemberTasks.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("task class " + taskClass + " is not on this member's classpath", e);
        }
        if (!Function.class.isAssignableFrom(type)) {
            throw new IllegalStateException("task class " + taskClass + " is not a java.util.function.Function");
        }
        try {
            return RunExecutor.forClusterMember((Function<?, ?>) type.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("task class " + taskClass + " cannot be created: " + e, e);
        }
    }

    /** Marks the run as running on this thread; false when it was cancelled already (it must not run). */
    static boolean started(String runId) {
        STARTED.incrementAndGet();
        RUNNING.put(runId, Thread.currentThread());
        if (CANCELLED.remove(runId) != null) {
            RUNNING.remove(runId);
            return false;
        }
        return true;
    }

    /** How many runs this JVM's member started (cancelled ones included). */
    static long runsStarted() {
        return STARTED.get();
    }

    /** The run is over on this thread; after this no cancel interrupts the thread (the caller clears the flag). */
    static void finished(String runId) {
        RUNNING.remove(runId);
    }

    /** Interrupts the thread running that run on this member, if any; true when one was found. */
    static boolean interrupt(String runId) {
        long now = System.nanoTime();
        CANCELLED.put(runId, now); // before the lookup: a run that starts meanwhile sees it
        if (CANCELLED.size() > 1000) {
            CANCELLED.values().removeIf(at -> now - at > CANCEL_MEMORY_NANOS);
        }
        // atomic with finished(): the interrupt reaches the thread only while it still runs this run
        boolean[] found = new boolean[1];
        RUNNING.computeIfPresent(runId, (id, thread) -> {
            thread.interrupt();
            found[0] = true;
            return thread;
        });
        if (found[0]) {
            CANCELLED.remove(runId);
        }
        return found[0];
    }
}
