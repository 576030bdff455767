package io.github.camelparallel.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Results of consecutive items of a {@link Chunk} that its runner has finished but not reported yet (a backend that
 * reports successes in runs, {@link ChunkListener#itemsDone}). The runner publishes the run on its chunk
 * ({@link Chunk#publishUnreported}); the dispatcher reads it when it must end the batch before the runner reports
 * (a batch timeout), so an item that finished is never counted as unfinished.
 * <p>
 * Single writer (the runner), any number of readers: a value is written before the count that covers it, the count
 * with release semantics and read with acquire semantics, and a value once covered is never written again (a run is
 * never reused). The cost per item is one array store and one ordered store, no lock.
 */
public final class UnreportedResults {

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(UnreportedResults.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int fromOffset;
    private final Object[] values;
    private final int base; // where result 0 sits in values
    private final int capacity;
    private final boolean inPlace;
    @SuppressWarnings("unused") // written and read through COUNT
    private int count;

    /** A run starting at chunk offset {@code fromOffset}, for at most {@code capacity} results. */
    public UnreportedResults(int fromOffset, int capacity) {
        this.fromOffset = fromOffset;
        this.values = new Object[capacity];
        this.base = 0;
        this.capacity = capacity;
        this.inPlace = false;
    }

    /**
     * A run stored straight into {@code array} from {@code base} on (a chunk's {@link Chunk#resultArray()}, base = the
     * batch index of chunk offset {@code fromOffset}), for at most {@code capacity} results: nothing is copied later.
     */
    public UnreportedResults(int fromOffset, Object[] array, int base, int capacity) {
        this.fromOffset = fromOffset;
        this.values = array;
        this.base = base;
        this.capacity = capacity;
        this.inPlace = true;
    }

    /**
     * The runner only: the result at position {@code n} of the run (the run's current count), and then the count
     * {@code n + 1}, published: readers see the value once they see the count.
     */
    public void put(int n, Object value) {
        values[base + n] = value;
        COUNT.setRelease(this, n + 1);
    }

    /** How many results the run can hold. */
    public int capacity() {
        return capacity;
    }

    /** The chunk offset of the first result. */
    public int fromOffset() {
        return fromOffset;
    }

    /** How many results are in the run now; any thread. */
    public int count() {
        return (int) COUNT.getAcquire(this);
    }

    /** The result at {@code i} (below a {@link #count()} read before). */
    public Object value(int i) {
        return values[base + i];
    }

    /**
     * The backing array, for {@link ChunkListener#itemsDone} by the runner (never written again below the count); of
     * a run that stores into its chunk's result array, that array (report it with {@link ChunkListener#itemsWritten}).
     */
    public Object[] values() {
        return values;
    }

    /** Whether the results are stored in the chunk's result array (not in a buffer of the run's own). */
    public boolean inPlace() {
        return inPlace;
    }
}
