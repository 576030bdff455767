package io.github.camelparallel.dispatch;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcomes of a streamed batch, handed to its consumer while the batch runs ({@code streaming=true}).
 * <p>
 * <b>Window.</b> Every chunk of fresh items opens a <i>slot</i>; the slot stays open until every item of it has been
 * consumed (handed out, or left out under {@code onError=skip}). The dispatcher pulls fresh input only while fewer
 * than {@code window} slots are open, so a slow consumer slows the dispatch and the buffer holds at most
 * {@code window} chunks of results: the reorder buffer of {@code ordered=true} and the completion queue of
 * {@code ordered=false} alike.
 * <p>
 * <b>Order.</b> Ordered: the consumer takes index {@code cursor} once it is settled, then the next. Unordered: the
 * consumer takes settled items in the order they settled. The consumer is handed a run of settled results at once
 * ({@link #peek}, one lock round and one array copy per chunk's run) and consumes them at its next call
 * ({@link #commit}). A failed item is handed out as null ({@code collect}), passed over ({@code skip}: consumed at once
 * when nothing came before it in the round, so a run of skipped failures frees its slots) or handed out as the failure
 * ({@code fail}, a {@link Failed}; the consumer throws there).
 * <p>
 * <b>Errors.</b> Failures are counted exactly; the last {@value #RECORDED_ERRORS} are kept by index, so a
 * never-ending input with failing items does not grow the heap.
 * <p>
 * Not thread-safe: owned by one {@link Dispatcher} and used under its lock, by pool threads (settling) and by the
 * consumer (taking).
 */
final class StreamResults implements ItemResults {

    static final int RECORDED_ERRORS = 1000;

    /**
     * Where a consumer's round holds a failure to throw (under {@code onError=fail}) instead of a value: always the
     * round's last entry. Not a type a task can return, so no result is ever mistaken for it.
     */
    record Failed(Throwable error) {
    }

    /** A settled item of an unordered batch, in the order items settled: its value, or the failure under fail. */
    private record Completed(int index, Object value) {
    }

    private static final class Slot {
        final int first;
        final int count;
        final Object[] values; // ordered only: the result, or the error of a failed item
        final BitSet settled = new BitSet();
        final BitSet failed = new BitSet();
        int consumed;

        Slot(int first, int count, boolean ordered) {
            this.first = first;
            this.count = count;
            this.values = ordered ? new Object[count] : null;
        }
    }

    private final boolean ordered;
    private final ErrorPolicy policy;
    private final int window;
    private final TreeMap<Integer, Slot> slots = new TreeMap<>();
    private final ArrayDeque<Completed> completed = new ArrayDeque<>(); // unordered only
    private final Map<Integer, Throwable> errors = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Throwable> eldest) {
            return size() > RECORDED_ERRORS;
        }
    };
    private int cursor;
    /** Items handed to the consumer by the last peek and not yet committed (ordered: from cursor on). */
    private int peeked;
    private long settled;
    private long failed;
    private long delivered;
    private boolean freed;

    StreamResults(boolean ordered, ErrorPolicy policy, int window) {
        this.ordered = ordered;
        this.policy = policy;
        this.window = window;
    }

    @Override
    public void opened(int firstIndex, int count) {
        slots.put(firstIndex, new Slot(firstIndex, count, ordered));
    }

    @Override
    public boolean hasRoom() {
        return slots.size() < window;
    }

    @Override
    public int knownSize(int pulled) {
        return pulled;
    }

    @Override
    public long total() {
        return -1;
    }

    @Override
    public String name() {
        return "streamed batch";
    }

    @Override
    public String nameWhenCut(int pulled) {
        return "streamed batch (" + pulled + " items read)";
    }

    @Override
    public boolean consumedWhileRunning() {
        return true;
    }

    @Override
    public boolean keepsItemsBeforeFailure() {
        return ordered;
    }

    @Override
    public boolean unreadInputFailsBatch() {
        return true;
    }

    @Override
    public boolean interruptsLeftoversAtEnd() {
        return true;
    }

    @Override
    public void success(int index, Object result) {
        Slot slot = slotOf(index);
        settled++;
        slot.settled.set(index - slot.first);
        if (ordered) {
            slot.values[index - slot.first] = result;
        } else {
            completed.add(new Completed(index, result));
        }
    }

    @Override
    public void successes(int firstIndex, Object[] values, int count) {
        Slot slot = slotOf(firstIndex);
        if (!ordered || firstIndex + count > slot.first + slot.count) {
            ItemResults.super.successes(firstIndex, values, count);
            return;
        }
        int at = firstIndex - slot.first;
        settled += count;
        slot.settled.set(at, at + count);
        System.arraycopy(values, 0, slot.values, at, count);
    }

    @Override
    public void failure(int index, Throwable error) {
        Slot slot = slotOf(index);
        settled++;
        failed++;
        errors.put(index, error);
        slot.settled.set(index - slot.first);
        slot.failed.set(index - slot.first);
        if (ordered) {
            slot.values[index - slot.first] = error; // kept beside its position, whatever the error log forgets
            return;
        }
        if (policy == ErrorPolicy.SKIP) {
            consumed(slot, 1);
        } else {
            completed.add(new Completed(index, policy == ErrorPolicy.COLLECT ? null : new Failed(error)));
        }
    }

    /**
     * Hands the consumer up to {@code values.length} results at its position without consuming them yet
     * ({@link #commit} does, at the consumer's next call), so their slots stay open until the consumer has really moved
     * past them and the window bound holds for what the consumer has seen. Fills {@code values} (null for a collected
     * failure; a {@link Failed} last, under fail) and {@code indexes} (each one's input index); skipped failures are
     * passed over. Returns how many, 0 when nothing is settled at the consumer's position (then the consumer waits, or
     * the stream has ended). Ordered, a settled run of a chunk is copied in one go, not item by item.
     */
    int peek(Object[] values, int[] indexes) {
        int n = ordered ? peekOrdered(values, indexes) : peekUnordered(values, indexes);
        if (n == 0 && peeked > 0) {
            commit(); // only skipped failures were passed over: consumed now, their slots may close (takeFreed)
        }
        delivered += n;
        return n;
    }

    private int peekUnordered(Object[] values, int[] indexes) {
        int n = 0;
        for (Completed next : completed) {
            if (n == values.length) {
                break;
            }
            values[n] = next.value();
            indexes[n++] = next.index();
            peeked++;
            if (next.value() instanceof Failed) {
                break;
            }
        }
        return n;
    }

    private int peekOrdered(Object[] values, int[] indexes) {
        int n = 0;
        int position = cursor + peeked;
        Integer from = slots.floorKey(position); // the slot holding the consumer's position, if it is open
        for (Slot slot : slots.tailMap(from == null ? position : from, true).values()) {
            int offset = position - slot.first;
            while (offset < slot.count && n < values.length) {
                // the settled run from offset on, up to its first failure (or the room left)
                int end = Math.min(Math.min(slot.settled.nextClearBit(offset), slot.count), offset + values.length - n);
                int failedAt = slot.failed.nextSetBit(offset);
                int stop = failedAt >= 0 && failedAt < end ? failedAt : end;
                int run = stop - offset;
                if (run > 0) {
                    System.arraycopy(slot.values, offset, values, n, run);
                    Arrays.fill(slot.values, offset, stop, null);
                    for (int k = 0; k < run; k++) {
                        indexes[n + k] = position + k;
                    }
                    n += run;
                    peeked += run;
                    position += run;
                    offset = stop;
                }
                if (offset == end) {
                    if (end < slot.count) {
                        return n; // not settled yet (or no room): the consumer takes what it has
                    }
                    break;
                }
                // a failure at offset
                Throwable error = (Throwable) slot.values[offset];
                slot.values[offset] = null;
                peeked++;
                if (policy != ErrorPolicy.SKIP) {
                    values[n] = policy == ErrorPolicy.COLLECT ? null : new Failed(error);
                    indexes[n++] = position;
                }
                position++;
                offset++;
                if (policy == ErrorPolicy.FAIL) {
                    return n;
                }
            }
            if (n == values.length) {
                return n;
            }
        }
        return n;
    }

    /** The consumer moved past what it was handed last ({@link #peek}): those items are consumed, their slots may close. */
    void commit() {
        if (!ordered) {
            for (; peeked > 0; peeked--) {
                consumed(slotOf(completed.poll().index()), 1);
            }
            return;
        }
        while (peeked > 0) { // a chunk's run at a time
            Slot slot = slotOf(cursor);
            int run = Math.min(peeked, slot.first + slot.count - cursor);
            cursor += run;
            peeked -= run;
            consumed(slot, run);
        }
    }

    /** True once after a slot was released since the last call: the dispatcher may pull fresh input. */
    boolean takeFreed() {
        boolean was = freed;
        freed = false;
        return was;
    }

    private void consumed(Slot slot, int count) {
        slot.consumed += count;
        if (slot.consumed == slot.count) {
            slots.remove(slot.first);
            freed = true;
        }
    }

    private Slot slotOf(int index) {
        Map.Entry<Integer, Slot> entry = slots.floorEntry(index);
        if (entry == null || index >= entry.getKey() + entry.getValue().count) {
            throw new IllegalStateException("item " + index + " belongs to no open chunk");
        }
        return entry.getValue();
    }

    @Override
    public long settledCount() {
        return settled;
    }

    @Override
    public long failedCount() {
        return failed;
    }

    long deliveredCount() {
        return delivered;
    }

    @Override
    public int nextUnsettled(int from, int pulled) {
        Integer key = slots.floorKey(from);
        for (Slot slot : slots.tailMap(key == null ? from : key, true).values()) {
            int offset = slot.settled.nextClearBit(Math.max(0, from - slot.first));
            if (offset < slot.count) {
                return slot.first + offset;
            }
        }
        return pulled;
    }

    @Override
    public Throwable error(int index) {
        return errors.get(index);
    }

    /** The most recent failures by index, at most {@value #RECORDED_ERRORS}. */
    SortedMap<Integer, Throwable> recentErrors() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(errors));
    }

    @Override
    public BatchOutcome outcome(int size, int retries, long elapsedMillis, BatchFailure failure, long busyNanos) {
        return new BatchOutcome(Collections.emptyList(), recentErrors(), size, retries, elapsedMillis, failure,
                busyNanos, failed);
    }
}
