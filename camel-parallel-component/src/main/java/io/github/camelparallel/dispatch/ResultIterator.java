package io.github.camelparallel.dispatch;

import java.io.Closeable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The results of a streamed batch ({@code streaming=true}) as they come: the body a {@code parallel:} endpoint hands
 * on. Lazy: {@link #hasNext()} waits for the next result (in input order, or in completion order with
 * {@code ordered=false}); consuming a result frees room in the batch's window, and only then is more input read.
 * <p>
 * Failures follow {@code onError}: {@code fail} throws from {@link #next()} at the failed item's position (what came
 * before it is handed out first; nothing after it is run or read); {@code collect} hands out {@code null} at the
 * failed position and records the error ({@link #errors()}); {@code skip} leaves it out and records it.
 * <p>
 * {@link #close()} stops the batch early: running tasks are interrupted (a worker process running one is replaced),
 * queued ones never run, and the input is closed without being read any further; the stream then ends (the consumer
 * chose to stop). The batch also stops when its exchange fails. When its producer stops (route or CamelContext
 * stopping, {@link #stopByProducer}) while the batch still runs, the stream is cut short and says so: the next
 * {@code hasNext()} throws, naming how many results were handed out; a stream cut short never looks finished. Counts ({@link #doneCount()}, {@link #failedCount()}, ...) can be read at any
 * time from any thread.
 * <p>
 * Thread-safety: {@code hasNext}/{@code next} are synchronized (one consumer at a time); {@code close} and the
 * counts may be called from any thread, also while a consumer waits.
 */
public final class ResultIterator implements Iterator<Object>, Closeable {

    private final Dispatcher dispatcher;
    private final Function<BatchFailure, RuntimeException> failures;
    private final Runnable onClose;
    private final BooleanSupplier abandoned;
    private volatile boolean closed;
    private volatile boolean producerStopped;

    // guarded by this: results handed over by the dispatcher in one go, taken one by one
    private final Object[] values = new Object[ROUND];
    private final int[] indexes = new int[ROUND];
    private int position;
    private int count;
    private boolean ended;
    private int lastIndex = -1;
    private long handedOut;

    /**
     * Results fetched per lock round of the dispatcher (they are consumed, for the window, at the next round); also the
     * most items an automatic chunk of a streamed batch holds.
     */
    public static final int ROUND = 256;

    /**
     * @param dispatcher a started streaming dispatcher
     * @param failures   turns the failure of an item into what {@link #next()} throws
     * @param onClose    run once when the iterator is closed (may be null)
     * @param abandoned  asked before waiting for each result: true when whoever consumes has failed and must not read
     *                   on (Camel's splitter walks the rest of its input after a failure, CAMEL-24990); the iterator
     *                   then closes and ends
     */
    public ResultIterator(Dispatcher dispatcher, Function<BatchFailure, RuntimeException> failures, Runnable onClose,
            BooleanSupplier abandoned) {
        this.dispatcher = dispatcher;
        this.failures = failures;
        this.onClose = onClose;
        this.abandoned = abandoned;
    }

    @Override
    public synchronized boolean hasNext() {
        if (producerStopped) {
            throw stoppedException();
        }
        if (closed) {
            dropRound(); // closed by its consumer (or ended): nothing more is handed out
            return false;
        }
        if (position < count) {
            return true;
        }
        if (!ended && abandoned.getAsBoolean()) {
            close();
        }
        if (closed || ended) {
            return false;
        }
        dropRound(); // what was handed out is the consumer's now, not kept here
        count = dispatcher.take(values, indexes);
        position = 0;
        if (dispatcher.stoppedBy() != null) { // stopped from outside while this consumer waited
            producerStopped = true;
            dropRound();
            close();
            throw stoppedException();
        }
        if (count == 0) {
            ended = true;
            close();
            return false;
        }
        return true;
    }

    @Override
    public synchronized Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more results");
        }
        Object value = values[position];
        lastIndex = indexes[position++];
        if (value instanceof StreamResults.Failed failed) {
            BatchFailure failure = dispatcher.failureAt(lastIndex, failed.error());
            dropRound();
            close();
            throw failures.apply(failure);
        }
        handedOut++;
        return value;
    }

    private void dropRound() {
        Arrays.fill(values, 0, count, null);
        count = 0;
    }

    /**
     * The producer stopped (its route or CamelContext is stopping). A batch still running is aborted (running tasks
     * interrupted, input closed) and this stream is cut short: the consumer's next {@link #hasNext()} or
     * {@link #next()} throws, naming how many results it was handed and why, and so does every call after it; a
     * stream cut short never ends like a finished one. A batch that had already finished is left alone: its results
     * are in memory and the consumer may still read them to the end.
     */
    public void stopByProducer(String reason) {
        if (closed) {
            return;
        }
        if (dispatcher.abort(reason)) {
            producerStopped = true;
            close();
        }
    }

    private RuntimeException stoppedException() {
        StreamCounts counts = dispatcher.counts();
        String message = "Streamed batch on parallel:" + dispatcher.poolName() + " was stopped after " + handedOut
                + " results handed out (" + counts.pulled() + " items read, " + counts.done()
                + " done): the producer stopped (" + dispatcher.stoppedBy()
                + ") before the batch finished, so the results are incomplete";
        return failures.apply(new BatchFailure((int) Math.min(handedOut, Integer.MAX_VALUE), message,
                new RejectedExecutionException("parallel:" + dispatcher.poolName() + " " + dispatcher.stoppedBy())));
    }

    /** Stops the batch (if still running) and closes its input; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dispatcher.stop("the result iterator was closed");
        if (onClose != null) {
            onClose.run();
        }
    }

    /** The input index of the result last handed out by {@link #next()}, -1 before the first. */
    public synchronized int lastIndex() {
        return lastIndex;
    }

    /** Items read from the input so far. */
    public long pulledCount() {
        return dispatcher.counts().pulled();
    }

    /** Items finished so far (succeeded or failed after their retries), handed out or not. */
    public long doneCount() {
        return dispatcher.counts().done();
    }

    /** Items failed so far (after their retries). */
    public long failedCount() {
        return dispatcher.counts().failed();
    }

    /** Re-runs of failed attempts so far. */
    public long retries() {
        return dispatcher.counts().retries();
    }

    /** Results handed out so far (including nulls of collected failures). */
    public long deliveredCount() {
        return dispatcher.counts().delivered();
    }

    /** The most recent failures by item index (at most 1000; {@link #failedCount()} counts them all). */
    public SortedMap<Integer, Throwable> errors() {
        return dispatcher.recentErrors();
    }

    public boolean isClosed() {
        return closed;
    }
}
