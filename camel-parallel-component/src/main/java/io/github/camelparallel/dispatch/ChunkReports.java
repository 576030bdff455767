package io.github.camelparallel.dispatch;

import java.util.BitSet;
import java.util.concurrent.CancellationException;

import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.UnreportedResults;

/**
 * Turns what a backend reports on a chunk into item outcomes, each offset of the chunk at most once (its
 * {@link Chunk#reported()} set): a run of successes, the results a runner finished and did not report yet, and the
 * items a chunk left without a report. Stateless; called under the owning {@link BatchRun}'s lock.
 */
final class ChunkReports {

    private ChunkReports() {
    }

    /**
     * Successes of offsets {@code fromOffset .. fromOffset + count - 1}, with their {@code values}, or (null) stored in
     * the chunk's result array already; those reported before are left alone.
     */
    static void successes(Chunk chunk, int fromOffset, Object[] values, int count, ItemResults results) {
        if (values == null) {
            written(chunk, fromOffset, count, results);
            return;
        }
        BitSet reported = chunk.reported();
        int end = fromOffset + count;
        int firstReported = reported.nextSetBit(fromOffset);
        if (chunk.isContiguous() && (firstReported < 0 || firstReported >= end)) {
            reported.set(fromOffset, end); // the usual case: one run, nothing of it reported before
            results.successes(chunk.indexOf(fromOffset), values, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            int offset = fromOffset + i;
            if (!reported.get(offset)) {
                reported.set(offset);
                results.success(chunk.indexOf(offset), values[i]);
            }
        }
    }

    private static void written(Chunk chunk, int fromOffset, int count, ItemResults results) {
        BitSet reported = chunk.reported();
        int end = fromOffset + count;
        int firstReported = reported.nextSetBit(fromOffset);
        if (firstReported < 0 || firstReported >= end) {
            reported.set(fromOffset, end); // the usual case: one run, nothing of it reported before
            results.written(chunk.indexOf(fromOffset), count);
            return;
        }
        for (int offset = fromOffset; offset < end; offset++) {
            if (!reported.get(offset)) {
                reported.set(offset);
                results.written(chunk.indexOf(offset), 1);
            }
        }
    }

    /**
     * Settles the results a chunk's runner has finished and not reported yet ({@link UnreportedResults}, published by
     * backends that report in runs), so an item that finished is never failed as unfinished when the batch ends early.
     */
    static void unreported(Chunk chunk, ItemResults results) {
        UnreportedResults run = chunk.unreported();
        if (run == null) {
            return;
        }
        BitSet reported = chunk.reported();
        for (int i = 0, count = run.count(); i < count; i++) {
            int offset = run.fromOffset() + i;
            if (!reported.get(offset)) {
                reported.set(offset);
                if (run.inPlace()) {
                    results.written(chunk.indexOf(offset), 1);
                } else {
                    results.success(chunk.indexOf(offset), run.value(i));
                }
            }
        }
    }

    /** The backend is done with the chunk: every item it did not report fails, naming why and the pool. */
    static void leftUnreported(Chunk chunk, ItemResults results, String poolName) {
        for (int offset = chunk.reported().nextClearBit(0); offset < chunk.size();
                offset = chunk.reported().nextClearBit(offset + 1)) {
            chunk.reported().set(offset);
            int index = chunk.indexOf(offset);
            results.failure(index, chunk.isCancelled()
                    ? new CancellationException("Item " + index + " on parallel:" + poolName
                            + " was cancelled: an earlier item failed the batch")
                    : new IllegalStateException("backend of parallel:" + poolName + " finished " + chunk
                            + " without a result for item " + index));
        }
    }
}
