package io.github.camelparallel.dispatch;

import java.util.List;

/**
 * A batch held in memory: chunks are {@code subList} views, so nothing is copied. Pulled by one thread at a time
 * (the dispatcher's submitter); {@code next} is volatile only so that {@link #pulled()} reads a fresh count.
 */
final class ListSource implements BatchSource {

    private final List<Object> items;
    private volatile int next;

    ListSource(List<Object> items) {
        this.items = items;
    }

    @Override
    public int remaining() {
        return items.size() - next;
    }

    @Override
    public List<Object> pull(int max) {
        int from = next;
        int to = (int) Math.min((long) from + max, items.size());
        next = to;
        return items.subList(from, to);
    }

    @Override
    public boolean ended() {
        return next >= items.size();
    }

    @Override
    public long pulled() {
        return next;
    }

    @Override
    public void close() {
        next = items.size();
    }
}
