package io.github.camelparallel.dispatch;

import java.util.Iterator;
import java.util.List;

/**
 * Where the items of one batch come from: a list held in memory, or an input pulled lazily ({@code streaming=true}).
 * <p>
 * The dispatcher pulls from one thread at a time (its submitter) and only as window slots free up, so a lazy source
 * is never read further ahead than the window allows; {@link #close()} may come from any thread, and after it the
 * source hands out nothing more. Closing releases the input (a file, a stream) if the source owns one.
 */
public interface BatchSource extends AutoCloseable {

    /** Items known to be left, or {@link Integer#MAX_VALUE} when the source does not know (a lazy input). */
    int remaining();

    /**
     * The next items, at most {@code max} of them; an empty list when the input has ended (or the source was closed).
     *
     * @throws RuntimeException when reading the input failed (the items read before it were handed out first)
     */
    List<Object> pull(int max);

    /** True once the input is used up or closed: a pull would hand out nothing (and throw nothing) any more. */
    boolean ended();

    /** How many items were handed out so far. */
    long pulled();

    /** Releases the input; idempotent, thread-safe, never throws. */
    @Override
    void close();

    /** The items of a list already in memory; chunks are views of it, nothing is copied. */
    static BatchSource of(List<Object> items) {
        return new ListSource(items);
    }

    /** An input pulled lazily; {@code resource} (may be null) is closed when the input ends or the batch stops. */
    static BatchSource lazy(String poolName, Iterator<?> input, AutoCloseable resource) {
        return new IteratorSource(poolName, input, resource);
    }
}
