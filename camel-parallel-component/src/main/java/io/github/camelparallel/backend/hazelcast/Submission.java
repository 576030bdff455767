package io.github.camelparallel.backend.hazelcast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.durableexecutor.DurableExecutorServiceFuture;
import io.github.camelparallel.backend.process.RemoteTaskException;
import io.github.camelparallel.spi.ChunkThreads;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameValues;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.ItemError;
import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;

/**
 * One chunk in the Hazelcast backend's hands, from encoding to its last report.
 * <p>
 * States: ENCODED → SUBMITTED (on an I/O thread: the durable executor took it) → DONE, by exactly one of: the result
 * came back (items reported from the result frame), the chunk's deadline passed ({@code taskTimeout × items}: its
 * unreported items fail with a TimeoutException, the members are asked to interrupt it), the dispatcher interrupted it
 * (items fail with a CancellationException), or the submission or the task failed (every item fails with that
 * cause). {@code done} decides which one wins; the others only dispose of the late result. Reports happen on an I/O
 * thread marked as running a chunk, so the dispatcher hands the rest of a route to its completion pool.
 * Thread-safe: {@code done} is atomic, the other mutable fields are volatile and written before {@code done} is read.
 */
final class Submission {

    private final HazelcastBackend backend;
    private final Chunk chunk;
    private final ChunkListener listener;
    private final String runId;
    private final AtomicBoolean done = new AtomicBoolean();
    private int[] offsets;
    private String runLine;
    private volatile long sentNanos;
    private volatile ScheduledFuture<?> deadline;
    private volatile DurableExecutorServiceFuture<String> future;

    Submission(HazelcastBackend backend, Chunk chunk, ChunkListener listener, String runId) {
        this.backend = backend;
        this.chunk = chunk;
        this.listener = listener;
        this.runId = runId;
    }

    /**
     * Turns the items into a run frame; an item that cannot be written as JSON, or nests deeper than a frame carries,
     * fails alone, now, naming its index and type ({@link FrameValues}). False when no item
     * is left to send (the chunk is then done).
     */
    boolean encode() {
        int[] good = new int[chunk.size()];
        int count = 0;
        List<JsonNode> items = new ArrayList<>(chunk.size());
        for (int offset = 0; offset < chunk.size(); offset++) {
            Object item = chunk.item(offset);
            try {
                items.add(FrameValues.tree(item));
                good[count++] = offset;
            } catch (IllegalArgumentException e) {
                listener.itemDone(chunk, offset, null, new IllegalArgumentException("Item " + chunk.indexOf(offset)
                        + " of type " + FrameValues.typeOf(item) + " cannot be sent as JSON: " + e.getMessage(), e));
            }
        }
        offsets = Arrays.copyOf(good, count);
        if (count == 0) {
            done.set(true);
            listener.chunkDone(chunk, 0);
            return false;
        }
        runLine = FrameCodec.SHARED.encode(new Frame.Run(chunk.firstIndex(), items));
        return true;
    }

    /** On an I/O thread: hands the chunk to the cluster (a network round trip) and arms its deadline. */
    void submit(DurableExecutorService durable) {
        if (done.get()) {
            return;
        }
        long timeout = chunk.itemTimeoutMillis();
        if (timeout > 0) {
            deadline = backend.scheduler().schedule(this::timedOut, timeout * offsets.length, TimeUnit.MILLISECONDS);
        }
        sentNanos = System.nanoTime();
        try {
            DurableExecutorServiceFuture<String> submitted = durable.submit(
                    new ChunkTask(runId, backend.settings().taskClass(), runLine));
            future = submitted;
            submitted.whenComplete((line, error) -> onIo(() -> completed(line, error)));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void onIo(Runnable step) {
        try {
            backend.io().execute(step);
        } catch (RejectedExecutionException e) {
            step.run(); // the pool is stopping: report here rather than lose the chunk
        }
    }

    private void completed(String line, Throwable error) {
        if (!done.compareAndSet(false, true)) {
            disposeLate();
            return;
        }
        end();
        ChunkThreads.enter();
        try {
            if (error != null) {
                reportAll(unwrap(error));
            } else {
                report(line);
            }
            listener.chunkDone(chunk, System.nanoTime() - sentNanos);
        } finally {
            ChunkThreads.exit();
        }
        DurableExecutorServiceFuture<String> f = future;
        if (f != null) {
            backend.dispose(f);
        }
    }

    private void timedOut() {
        stopEarly(new TimeoutException("Item(s) " + chunk.indexOf(offsets[0]) + ".." + chunk.indexOf(offsets[offsets.length - 1])
                + " on parallel:" + backend.settings().poolName() + " exceeded taskTimeout of " + chunk.itemTimeoutMillis()
                + " ms per item (" + offsets.length + " items sent to a cluster member together, attempt "
                + chunk.attempt() + ")"));
    }

    /** The dispatcher's interrupt hook: the batch ended early. */
    void interrupted() {
        stopEarly(new CancellationException(chunk + " on parallel:" + backend.settings().poolName()
                + " was interrupted: its batch ended early"));
    }

    /**
     * Ends the chunk first (so the interrupted task's own late answer cannot win), then asks the members to interrupt
     * it, then reports its items failed with {@code cause} on an I/O thread.
     */
    private void stopEarly(Exception cause) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        end();
        backend.cancelEverywhere(runId);
        onIo(() -> reportFailed(cause, 0));
    }

    /** Fails every item sent (the pool stopped, the submission or the task failed). */
    void fail(Throwable cause) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        end();
        reportFailed(cause, 0);
    }

    private void reportFailed(Throwable cause, long runNanos) {
        ChunkThreads.enter();
        try {
            reportAll(cause);
            listener.chunkDone(chunk, runNanos);
        } finally {
            ChunkThreads.exit();
        }
    }

    private void end() {
        ScheduledFuture<?> timer = deadline;
        if (timer != null) {
            timer.cancel(false);
        }
        backend.finished(chunk);
    }

    private void disposeLate() {
        DurableExecutorServiceFuture<String> f = future;
        if (f != null) {
            backend.dispose(f);
        }
    }

    private void reportAll(Throwable cause) {
        for (int offset : offsets) {
            listener.itemDone(chunk, offset, null, cause);
        }
    }

    /** Reports the result frame: runs of successes at consecutive offsets in one call, failures one by one. */
    private void report(String line) {
        Frame.Result result;
        try {
            if (!(FrameCodec.SHARED.decode(line) instanceof Frame.Result r) || r.results().size() != offsets.length) {
                throw new IllegalStateException("a cluster member answered " + chunk + " with a malformed result");
            }
            result = r;
        } catch (Exception e) {
            reportAll(e);
            return;
        }
        Throwable[] errors = new Throwable[offsets.length];
        for (ItemError error : result.errors()) {
            if (error.index() >= 0 && error.index() < errors.length) {
                errors[error.index()] = new RemoteTaskException(error.error(), error.message(), error.trace());
            }
        }
        Object[] values = new Object[offsets.length]; // the current run of successes
        int runStart = 0;
        int runLength = 0;
        for (int i = 0; i < offsets.length; i++) {
            Throwable error = errors[i];
            Object value = null;
            if (error == null) {
                try {
                    value = backend.json().result(result.results().get(i));
                } catch (Exception e) {
                    error = new IllegalArgumentException("Result of item " + chunk.indexOf(offsets[i]) + " cannot be read as "
                            + backend.settings().resultType() + ": " + e.getMessage(), e);
                }
            }
            boolean breaksRun = error != null || runLength > 0 && offsets[i] != offsets[runStart + runLength - 1] + 1;
            if (breaksRun) {
                reportSuccesses(runStart, values, runLength);
                runLength = 0;
            }
            if (error != null) {
                listener.itemDone(chunk, offsets[i], null, error);
                continue;
            }
            if (runLength == 0) {
                runStart = i;
            }
            values[runLength++] = value;
        }
        reportSuccesses(runStart, values, runLength);
    }

    private void reportSuccesses(int runStart, Object[] values, int count) {
        if (count > 0) {
            listener.itemsDone(chunk, offsets[runStart], Arrays.copyOf(values, count), count);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
