package io.github.camelparallel.backend.process;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelparallel.backend.remote.RemoteItems;
import io.github.camelparallel.backend.remote.RemoteResults;
import io.github.camelparallel.spi.Chunk;

/**
 * Some items of one chunk, sent to one worker as one {@code run}. A chunk starts as one job; when its worker dies
 * or hangs, the chunk's items come back as isolated one-item jobs, so one bad item cannot take its neighbours down.
 * Immutable but for {@code runId} and {@code sentNanos}, written by the pool under its lock.
 *
 * @param run      the chunk this job belongs to, with its listener and count of unreported items
 * @param offsets  the offsets within the chunk, in run order
 * @param items    the items as JSON, aligned with {@code offsets}
 * @param isolated true for a one-item job made after its worker died or hung under a run of several items
 * @param crashes  how many workers this one-item job has already lost while running alone
 * @param encodedItems the items as the JSON array of the run line, encoded when the job was made (off the path from
 *                 a worker's result to its next run)
 */
record Job(ChunkRun run, int[] offsets, List<JsonNode> items, boolean isolated, int crashes, byte[] encodedItems) {

    /** A chunk's first job: its sendable items, encoded once ({@link RemoteItems}). */
    static Job of(ChunkRun run, RemoteItems.Encoded encoded) {
        return new Job(run, encoded.offsets(), encoded.items(), false, 0, encoded.encodedItems());
    }

    /** The one-item job that re-runs the {@code i}-th item of this job alone. */
    Job isolate(int i, int crashes) {
        List<JsonNode> item = List.of(items.get(i));
        return new Job(run, new int[] { offsets[i] }, item, true, crashes, RemoteItems.encodeItems(item));
    }

    /** Reports every item of the job failed with the same error (call outside the pool's lock). */
    void fail(Throwable error) {
        RemoteResults.failAll(offsets, error, run);
    }

    Chunk chunk() {
        return run.chunk();
    }

    int size() {
        return offsets.length;
    }
}
