package io.github.camelparallel.dispatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input read lazily, item by item, only when the dispatcher asks for the next chunk.
 * <p>
 * States: OPEN → ENDED (the input said it has no more: the resource is closed at once) or CLOSED (the batch stopped
 * early: the resource is closed and the input is never read again). A read that fails hands out the items read
 * before it, then throws on the next pull.
 * <p>
 * Thread-safety: {@link #pull} is called by one thread at a time (the dispatcher's submitter) and synchronizes on
 * this; {@link #close()} does not wait for a read in progress: it interrupts the reading thread and closes the
 * resource (what unblocks a read stuck on I/O), and {@code closed} is checked before every item, so nothing is read
 * after it. The interrupt is cleared when the read returns (it was meant for that read only). A read that ignores
 * interrupts keeps its thread until the input returns; the batch does not wait for it.
 */
final class IteratorSource implements BatchSource {

    private static final Logger LOG = LoggerFactory.getLogger(IteratorSource.class);

    private final String poolName;
    private final Iterator<?> input;
    private final AutoCloseable resource;
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile long pulled; // written by the puller under this, read by anyone
    // guarded by this
    private RuntimeException failed;
    // guarded by readerLock: the thread reading now, and whether close() interrupted it
    private final Object readerLock = new Object();
    private Thread reader;
    private boolean interruptedByClose;

    IteratorSource(String poolName, Iterator<?> input, AutoCloseable resource) {
        this.poolName = poolName;
        this.input = input;
        this.resource = resource;
    }

    @Override
    public int remaining() {
        return Integer.MAX_VALUE;
    }

    @Override
    public synchronized List<Object> pull(int max) {
        if (failed != null) {
            RuntimeException e = failed;
            failed = null;
            throw e;
        }
        if (closed.get()) {
            return Collections.emptyList();
        }
        List<Object> items = new ArrayList<>(Math.min(max, 1024));
        boolean interruptedBefore = Thread.currentThread().isInterrupted();
        synchronized (readerLock) {
            reader = Thread.currentThread();
        }
        try {
            while (items.size() < max && !closed.get() && input.hasNext()) {
                items.add(input.next());
                pulled++;
            }
        } catch (RuntimeException e) {
            close();
            if (items.isEmpty()) {
                throw e;
            }
            failed = e;
            return items;
        } finally {
            synchronized (readerLock) {
                reader = null;
                if (interruptedByClose && !interruptedBefore) {
                    Thread.interrupted(); // ours, meant for this read only: the thread goes on with other work
                }
                interruptedByClose = false;
            }
        }
        if (items.size() < max) {
            close(); // the input said it has no more (or the batch was stopped meanwhile)
        }
        return items;
    }

    @Override
    public synchronized boolean ended() {
        return closed.get() && failed == null;
    }

    @Override
    public long pulled() {
        return pulled;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (readerLock) { // a read blocked in the input (a timeout, a stop): interrupting is all we can do
            if (reader != null && reader != Thread.currentThread()) {
                interruptedByClose = true;
                reader.interrupt();
            }
        }
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.debug("[{}] closing the batch input failed: {}", poolName, e.toString());
        }
    }
}
