package io.github.camelparallel.backend.process;

import io.github.camelparallel.backend.remote.RemoteItems;
import io.github.camelparallel.backend.remote.RemoteResults;
import io.github.camelparallel.spi.Chunk;

/**
 * Some items of one chunk, sent to one worker as one {@code run}. A chunk starts as one job; when its worker dies
 * or hangs, the chunk's items come back as isolated one-item jobs, so one bad item cannot take its neighbours down.
 * Immutable.
 *
 * @param run      the chunk this job belongs to, with its listener and count of unreported items
 * @param items    the items' offsets within the chunk, in run order, and their JSON array, encoded when the job was
 *                 made (off the path from a worker's result to its next run); an isolated job re-sends the bytes of
 *                 its item, never a second encoding of a value that may have changed since
 * @param isolated true for a one-item job made after its worker died or hung under a run of several items
 * @param crashes  how many workers this one-item job has already lost while running alone
 */
record Job(ChunkRun run, RemoteItems.Encoded items, boolean isolated, int crashes) {

    /** A chunk's first job: its sendable items, encoded once ({@link RemoteItems}). */
    static Job of(ChunkRun run, RemoteItems.Encoded encoded) {
        return new Job(run, encoded, false, 0);
    }

    /** The one-item job that re-runs the {@code i}-th item of this job alone. */
    Job isolate(int i, int crashes) {
        return new Job(run, items.alone(i), true, crashes);
    }

    /** The offsets within the chunk of the job's items, in run order. */
    int[] offsets() {
        return items.offsets();
    }

    /** The JSON array of the run line. */
    byte[] encodedItems() {
        return items.encodedItems();
    }

    /** Reports every item of the job failed with the same error (call outside the pool's lock). */
    void fail(Throwable error) {
        RemoteResults.failAll(offsets(), error, run);
    }

    Chunk chunk() {
        return run.chunk();
    }

    int size() {
        return items.size();
    }
}
