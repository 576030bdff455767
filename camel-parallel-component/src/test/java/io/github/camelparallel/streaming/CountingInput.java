package io.github.camelparallel.streaming;

import java.io.Closeable;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch input for streaming tests: 0, 1, ... size - 1, counting what was read from it and whether it was closed;
 * a read after the close fails (the test would see it). Thread-safe counters.
 */
public final class CountingInput implements Iterator<Integer>, Closeable {

    public final AtomicInteger pulled = new AtomicInteger();
    public final AtomicBoolean closed = new AtomicBoolean();
    private final int size;

    public CountingInput(int size) {
        this.size = size;
    }

    @Override
    public boolean hasNext() {
        return pulled.get() < size;
    }

    @Override
    public Integer next() {
        if (closed.get()) {
            throw new IllegalStateException("read after close");
        }
        return pulled.getAndIncrement();
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
