package io.github.camelparallel.dispatch;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * The outcomes of one batch's items as they settle, assembled into the result list the error policy asks for:
 * by input index ({@code ordered=true}) or by completion, with null at failed positions ({@code collect}) or without
 * them ({@code skip}). Each index settles at most once; the caller guarantees it.
 * <p>
 * In input order, runners may store results straight into the array they are assembled in ({@link #resultArray()});
 * such a result counts only once it is reported ({@link #written}), and the list handed out is a copy taken when the
 * batch ends, with null at every failed position.
 * <p>
 * Not thread-safe: owned by one {@link Dispatcher} and used under its lock.
 */
final class OrderedResults implements ItemResults {

    private final ErrorPolicy policy;
    private final int size;
    private final BitSet settled;
    private final BitSet succeeded;
    private final Object[] byIndex;
    private final List<Object> byCompletion;
    private final TreeMap<Integer, Throwable> errors = new TreeMap<>();
    private int settledCount;

    OrderedResults(int size, boolean ordered, ErrorPolicy policy) {
        this.policy = policy;
        this.size = size;
        this.settled = new BitSet(size);
        this.succeeded = new BitSet(size);
        this.byIndex = ordered ? new Object[size] : null;
        this.byCompletion = ordered ? null : new ArrayList<>();
    }

    @Override
    public void opened(int firstIndex, int count) {
        // sized up front
    }

    @Override
    public boolean hasRoom() {
        return true;
    }

    @Override
    public int knownSize(int pulled) {
        return size; // the items not yet dispatched are known too: they fail by index when the batch ends early
    }

    @Override
    public long total() {
        return size;
    }

    @Override
    public String name() {
        return "batch of " + size;
    }

    @Override
    public boolean consumedWhileRunning() {
        return false;
    }

    @Override
    public boolean keepsItemsBeforeFailure() {
        return false;
    }

    @Override
    public boolean unreadInputFailsBatch() {
        return false;
    }

    @Override
    public boolean interruptsLeftoversAtEnd() {
        return false; // running chunks finish what they started; unstarted ones never run
    }

    @Override
    public void success(int index, Object result) {
        settled.set(index);
        succeeded.set(index);
        settledCount++;
        if (byIndex != null) {
            byIndex[index] = result;
        } else {
            byCompletion.add(result);
        }
    }

    @Override
    public void successes(int firstIndex, Object[] values, int count) {
        settled.set(firstIndex, firstIndex + count);
        succeeded.set(firstIndex, firstIndex + count);
        settledCount += count;
        if (byIndex != null) {
            System.arraycopy(values, 0, byIndex, firstIndex, count);
        } else {
            byCompletion.addAll(Arrays.asList(values).subList(0, count));
        }
    }

    @Override
    public Object[] resultArray() {
        return byIndex;
    }

    @Override
    public void written(int firstIndex, int count) {
        settled.set(firstIndex, firstIndex + count);
        succeeded.set(firstIndex, firstIndex + count);
        settledCount += count;
    }

    @Override
    public void failure(int index, Throwable error) {
        settled.set(index);
        settledCount++;
        errors.put(index, error);
        if (byCompletion != null && policy == ErrorPolicy.COLLECT) {
            byCompletion.add(null);
        }
    }

    @Override
    public long settledCount() {
        return settledCount;
    }

    @Override
    public long failedCount() {
        return errors.size();
    }

    @Override
    public int nextUnsettled(int from, int pulled) {
        return Math.min(settled.nextClearBit(from), pulled);
    }

    @Override
    public Throwable error(int index) {
        return errors.get(index);
    }

    @Override
    public BatchOutcome outcome(int size, int retries, long elapsedMillis, BatchFailure failure, long busyNanos) {
        return new BatchOutcome(assemble(), errors.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(errors)), size, retries,
                elapsedMillis, failure, busyNanos);
    }

    private List<Object> assemble() {
        if (byCompletion != null) {
            return new ArrayList<>(byCompletion);
        }
        if (policy != ErrorPolicy.SKIP || errors.isEmpty()) {
            // one copy (Arrays.asList would cost two), taken now: a runner still finishing an item of a batch that
            // ended early may store into byIndex later; a failed item's position is null whatever it stored
            ArrayList<Object> list = new ArrayList<>(new Handover(byIndex));
            for (Integer failed : errors.keySet()) {
                list.set(failed, null);
            }
            return list;
        }
        List<Object> kept = new ArrayList<>(succeeded.cardinality());
        for (int i = succeeded.nextSetBit(0); i >= 0; i = succeeded.nextSetBit(i + 1)) {
            kept.add(byIndex[i]);
        }
        return kept;
    }

    /**
     * Hands the finished array to {@code ArrayList}'s copy constructor as it is: this collection is never used again,
     * so {@link #toArray()} need not copy it first.
     */
    private static final class Handover extends AbstractCollection<Object> {
        private final Object[] values;

        Handover(Object[] values) {
            this.values = values;
        }

        @Override
        public Object[] toArray() {
            return values;
        }

        @Override
        public Iterator<Object> iterator() {
            return Arrays.asList(values).iterator();
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}
