package io.github.camelparallel.backend.hazelcast;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.durableexecutor.DurableExecutorServiceFuture;
import com.hazelcast.spi.impl.DelegatingCompletableFuture;
import com.hazelcast.spi.impl.operationservice.impl.InvocationFuture;
import io.github.camelparallel.backend.remote.ItemReports;
import io.github.camelparallel.backend.remote.RemoteItems;
import io.github.camelparallel.backend.remote.RemoteResults;
import io.github.camelparallel.spi.ChunkThreads;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;

/**
 * One chunk in the Hazelcast backend's hands, from encoding to its last report.
 * <p>
 * States: ENCODED → SUBMITTED (on an I/O thread: counted on the member {@link MemberSpread} chose, the durable
 * executor took it) → DONE, by exactly one of: the result came back (items reported from the result frame), the chunk's deadline passed ({@code taskTimeout × items}: its
 * unreported items fail with a TimeoutException, the members are asked to interrupt it), the dispatcher interrupted it
 * (items fail with a CancellationException), or the submission or the task failed (every item fails with that
 * cause). {@code done} decides which one wins; the others only dispose of the late result. Reports happen on an I/O
 * thread marked as running a chunk, so the dispatcher hands the rest of a route to its completion pool.
 * Thread-safe: {@code done} is atomic, the other mutable fields are volatile and written before {@code done} is read.
 */
final class Submission implements ItemReports {

    private final HazelcastBackend backend;
    private final Chunk chunk;
    private final ChunkListener listener;
    private final String runId;
    private final AtomicBoolean done = new AtomicBoolean();
    /** The member this chunk is counted on until it ends; taken once (by the end or by a submit that lost to it). */
    private final AtomicReference<MemberSpread.Placement> placement = new AtomicReference<>();
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
     * Turns the items into a run frame; an item that cannot be sent fails alone, now, naming its index and type
     * ({@link RemoteItems}). False when no item is left to send (the chunk is then done).
     */
    boolean encode() {
        RemoteItems.Encoded encoded = RemoteItems.encode(chunk, this::failed);
        if (encoded == null) {
            offsets = new int[0];
            done.set(true);
            listener.chunkDone(chunk, 0);
            return false;
        }
        offsets = encoded.offsets();
        byte[] line = FrameCodec.SHARED.encodeRunLine(chunk.firstIndex(), encoded.encodedItems());
        runLine = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
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
            MemberSpread.Placement place = backend.place();
            placement.set(place);
            if (done.get()) {
                release(); // ended while placing: the end may have released before the placement was set
            }
            ChunkTask task = new ChunkTask(runId, backend.settings().taskClass(), runLine);
            DurableExecutorServiceFuture<String> submitted = place == null ? durable.submit(task)
                    : durable.submitToKeyOwner(task, place.key());
            future = submitted;
            whenDone(submitted);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /**
     * Reports on the pool's I/O threads when the task's result is in, never on Hazelcast's default async executor
     * (the common pool, or a new thread per callback where the common pool has one thread). On a member the callback
     * hangs on the result's invocation future itself: every stage added to Hazelcast's delegating future makes one
     * more delegating future, and each of those completes itself on the default async executor (a thread hand-over
     * per chunk for nothing). A result of another form than a String (a client's raw message) takes the delegating way.
     */
    private void whenDone(DurableExecutorServiceFuture<String> submitted) {
        if (submitted instanceof DelegatingCompletableFuture<?> delegating
                && delegating.getDelegate() instanceof InvocationFuture<?> invocation) {
            invocation.whenCompleteAsync((value, error) -> {
                if (error == null && value != null && !(value instanceof String)) {
                    submitted.whenCompleteAsync(this::completed, this::onIo);
                } else {
                    completed((String) value, error);
                }
            }, this::onIo);
        } else {
            submitted.whenCompleteAsync(this::completed, this::onIo);
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
            disposeLate(error == null ? line : null);
            return;
        }
        backend.reporting(() -> reportCompleted(line, error));
    }

    private void reportCompleted(String line, Throwable error) {
        end();
        long wallNanos = System.nanoTime() - sentNanos;
        long runNanos = wallNanos;
        ChunkThreads.enter();
        try {
            if (error != null) {
                reportAll(unwrap(error));
            } else {
                long remoteNanos = ChunkTask.runNanos(line);
                backend.roundTrips().record(wallNanos, remoteNanos);
                // the dispatcher sizes chunks by their run time; the round trip is in the band's lower edge already
                runNanos = remoteNanos >= 0 ? remoteNanos : wallNanos;
                report(ChunkTask.resultLine(line));
            }
            listener.chunkDone(chunk, runNanos);
        } finally {
            ChunkThreads.exit();
        }
        DurableExecutorServiceFuture<String> f = future;
        if (f != null) {
            backend.dispose(f, error == null ? line : null);
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
        release();
    }

    private void release() {
        backend.unplace(placement.getAndSet(null));
    }

    private void disposeLate(String answer) {
        DurableExecutorServiceFuture<String> f = future;
        if (f != null) {
            backend.dispose(f, answer);
        }
    }

    private void reportAll(Throwable cause) {
        RemoteResults.failAll(offsets, cause, this);
    }

    /** Reports the result frame ({@link RemoteResults}), or every item failed when the frame is malformed. */
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
        backend.results().report(chunk, offsets, result, this);
    }

    @Override
    public void failed(int offset, Throwable error) {
        listener.itemDone(chunk, offset, null, error);
    }

    @Override
    public void succeeded(int fromOffset, Object[] results, int count) {
        listener.itemsDone(chunk, fromOffset, results, count);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
