package io.github.camelparallel.dispatch;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

import io.github.camelparallel.spi.Chunk;

/**
 * A batch's chunks between dispatch and done: the window of chunks in flight (at most {@code maxInFlight}), retry
 * chunks ready to take a slot, and, when the caller helps ({@link Dispatcher#helpWhileWaiting}), the chunks no pool
 * thread has claimed yet, which the caller may run itself.
 * <p>
 * Not thread-safe: owned by one {@link BatchRun} and used under its lock.
 */
final class ChunkWindow {

    private final int maxInFlight;
    private final Set<Chunk> inFlight;
    // small: a batch of a few chunks (the common case) allocates little; they grow as needed
    private final ArrayDeque<Chunk> readyRetries = new ArrayDeque<>(1);
    private final ArrayDeque<Chunk> unclaimed = new ArrayDeque<>(1);
    private boolean helping;

    ChunkWindow(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        this.inFlight = Collections.newSetFromMap(new IdentityHashMap<>(Math.min(maxInFlight, 8)));
    }

    void help() {
        helping = true;
    }

    boolean hasSlot() {
        return inFlight.size() < maxInFlight;
    }

    /** Takes a chunk into the window; true when it is also queued for the helping caller (who must be woken). */
    boolean admit(Chunk chunk) {
        inFlight.add(chunk);
        if (helping) {
            unclaimed.add(chunk);
        }
        return helping;
    }

    /** The backend is done with the chunk; false when it was not in the window (any more). */
    boolean remove(Chunk chunk) {
        return inFlight.remove(chunk);
    }

    void addRetry(Chunk retry) {
        readyRetries.add(retry);
    }

    boolean hasReadyRetry() {
        return !readyRetries.isEmpty();
    }

    /** The next ready retry whose item is at or before {@code lastToRun}; later ones are dropped. Null when none. */
    Chunk takeRetry(int lastToRun) {
        Chunk retry;
        while ((retry = readyRetries.poll()) != null && retry.firstIndex() > lastToRun) {
            // streamed in order after a failure: nothing after the failed item runs any more
        }
        return retry;
    }

    /** A chunk no pool thread has claimed yet, for the helping caller; null when none (or not helping). */
    Chunk unclaimed() {
        return helping ? unclaimed.poll() : null;
    }

    void forEachInFlight(Consumer<Chunk> action) {
        inFlight.forEach(action);
    }

    /** Interrupts the chunks that still have items to run; a chunk that reported every item is only cancelled. */
    void interruptUnfinished() {
        for (Chunk chunk : inFlight) {
            if (chunk.reported().cardinality() < chunk.size()) {
                chunk.interrupt();
            } else {
                chunk.cancel();
            }
        }
    }

    /** Nothing after item {@code index} runs: chunks wholly after it are interrupted, chunks reaching past it cancelled. */
    void stopAfter(int index) {
        for (Chunk chunk : inFlight) {
            if (chunk.firstIndex() > index) {
                chunk.interrupt();
            } else if (chunk.indexOf(chunk.size() - 1) > index) {
                chunk.cancel();
            }
        }
    }

    /** The batch is over: nothing queued will be taken any more. */
    void clearQueues() {
        unclaimed.clear();
        readyRetries.clear();
    }
}
