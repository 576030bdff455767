package io.github.camelparallel.dispatch;

import java.util.ArrayDeque;
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
 * ({@link #peek}, one lock round for many results) and consumes them at its next call ({@link #commit}). A failed item is handed out as null ({@code collect}),
 * passed over ({@code skip}) or handed out as the failure ({@code fail}; the consumer throws there).
 * <p>
 * <b>Errors.</b> Failures are counted exactly; the last {@value #RECORDED_ERRORS} are kept by index, so a
 * never-ending input with failing items does not grow the heap.
 * <p>
 * Not thread-safe: owned by one {@link Dispatcher} and used under its lock, by pool threads (settling) and by the
 * consumer (taking).
 */
final class StreamResults implements ItemResults {

    static final int RECORDED_ERRORS = 1000;

    /** What the consumer may take next. */
    record Take(Kind kind, int index, Object value, Throwable error) {
        enum Kind { READY, FAILED }
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
    private final ArrayDeque<Take> completed = new ArrayDeque<>(); // unordered only
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
            completed.add(new Take(Take.Kind.READY, index, result, null));
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
            consumed(slot);
        } else {
            completed.add(policy == ErrorPolicy.COLLECT ? new Take(Take.Kind.READY, index, null, error)
                    : new Take(Take.Kind.FAILED, index, null, error));
        }
    }

    /**
     * Hands the consumer up to {@code out.length} results at its position without consuming them yet ({@link #commit}
     * does, at the consumer's next call), so their slots stay open until the consumer has really moved past them and the
     * window bound holds for what the consumer has seen. READY takes (null values for collected failures), possibly
     * ending with one FAILED take; skipped failures are passed over. Returns how many, 0 when nothing is settled at the
     * consumer's position (then the consumer waits, or the stream has ended).
     */
    int peek(Take[] out) {
        int n = 0;
        if (!ordered) {
            for (Take next : completed) {
                if (n == out.length) {
                    break;
                }
                out[n++] = next;
                peeked++;
                if (next.kind() == Take.Kind.FAILED) {
                    break;
                }
            }
            delivered += n;
            return n;
        }
        int position = cursor + peeked;
        Integer from = slots.floorKey(position); // the slot holding the consumer's position, if it is open
        for (Slot slot : slots.tailMap(from == null ? position : from, true).values()) {
            for (int offset = position - slot.first; offset < slot.count; offset++, position++) {
                if (n == out.length || !slot.settled.get(offset)) {
                    delivered += n;
                    return n;
                }
                peeked++;
                Object value = slot.values[offset];
                slot.values[offset] = null;
                if (!slot.failed.get(offset)) {
                    out[n++] = new Take(Take.Kind.READY, position, value, null);
                } else if (policy == ErrorPolicy.COLLECT) {
                    out[n++] = new Take(Take.Kind.READY, position, null, null);
                } else if (policy == ErrorPolicy.FAIL) {
                    out[n++] = new Take(Take.Kind.FAILED, position, null, (Throwable) value);
                    delivered += n;
                    return n;
                }
            }
        }
        delivered += n;
        return n;
    }

    /** The consumer moved past what it was handed last ({@link #peek}): those items are consumed, their slots may close. */
    void commit() {
        for (; peeked > 0; peeked--) {
            if (ordered) {
                consumed(slotOf(cursor++));
            } else {
                consumed(slotOf(completed.poll().index()));
            }
        }
    }

    /** True once after a slot was released since the last call: the dispatcher may pull fresh input. */
    boolean takeFreed() {
        boolean was = freed;
        freed = false;
        return was;
    }

    private void consumed(Slot slot) {
        if (++slot.consumed == slot.count) {
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
