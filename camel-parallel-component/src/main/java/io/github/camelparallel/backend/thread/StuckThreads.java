package io.github.camelparallel.backend.thread;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.spi.Chunk;

/**
 * The pool threads of one {@link ExecutorBackend} that were interrupted (an item's {@code taskTimeout}, or the chunk's
 * batch timing out, failing fast or stopping) and have not returned from their task yet, for the pool's health. A
 * task that ignores interrupts keeps its thread (Java threads cannot be killed); when every thread of the pool is
 * held that way for longer than {@link #STUCK_AFTER_NANOS}, the pool cannot serve and {@link #problem} says so.
 * <p>
 * Keyed by chunk (one chunk runs on one pool thread at a time), with the time of its first interrupt. Entries are
 * written only on the interrupt path (the deadline timer, the chunk's interrupt hook) and removed by the runner when
 * the interrupted task returns; a chunk that completes without being interrupted never touches the map, so the
 * per-item path pays nothing. Thread-safe (a concurrent map).
 */
final class StuckThreads {

    /** How long an interrupted task may take to return before its thread counts as stuck. */
    static final long STUCK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Map<Chunk, Long> interruptedSince = new ConcurrentHashMap<>();

    /** The thread running {@code chunk} was interrupted now (kept: the first interrupt's time). */
    void interrupted(Chunk chunk) {
        interruptedSince.putIfAbsent(chunk, System.nanoTime());
    }

    /** The interrupted task of {@code chunk} returned, or its chunk is no longer running. */
    void returned(Chunk chunk) {
        interruptedSince.remove(chunk);
    }

    /** Forgets threads of an executor the backend no longer uses (a restart). */
    void clear() {
        interruptedSince.clear();
    }

    /** Threads interrupted more than {@link #STUCK_AFTER_NANOS} ago that have not returned. */
    int count() {
        return count(System.nanoTime());
    }

    private int count(long now) {
        int stuck = 0;
        for (long since : interruptedSince.values()) {
            if (now - since > STUCK_AFTER_NANOS) {
                stuck++;
            }
        }
        return stuck;
    }

    /**
     * Why the pool cannot serve: every one of its {@code threads} is stuck; else null.
     */
    String problem(String poolName, int threads) {
        long now = System.nanoTime();
        int stuck = count(now);
        if (threads <= 0 || stuck < threads) {
            return null;
        }
        long oldest = now;
        for (long since : interruptedSince.values()) {
            if (now - since > STUCK_AFTER_NANOS && since - oldest < 0) {
                oldest = since;
            }
        }
        long ageNanos = now - oldest;
        Instant since = Instant.now().minusNanos(ageNanos).truncatedTo(ChronoUnit.MILLIS);
        return stuck + " of " + threads + " threads of parallel:" + poolName + " are stuck in tasks that ignore"
                + " interrupts: interrupted (taskTimeout, batch timeout or stop) and not returned, the first since "
                + since + " (" + TimeUnit.NANOSECONDS.toSeconds(ageNanos) + " s); no item can run until one returns."
                + " Java threads cannot be killed: make the task return when interrupted, or use backend=process,"
                + " whose workers are killed at taskTimeout";
    }
}
