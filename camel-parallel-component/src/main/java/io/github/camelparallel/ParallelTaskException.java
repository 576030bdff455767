package io.github.camelparallel;

/**
 * The exception of an exchange whose batch failed ({@code onError=fail}, a batch timeout, a stopped pool).
 * Its message names the pool and the item; its cause is the item's own failure. Immutable.
 */
public class ParallelTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int index;

    public ParallelTaskException(String message, int index, Throwable cause) {
        super(message, cause);
        this.index = index;
    }

    /** The index of the item that failed the batch. */
    public int getIndex() {
        return index;
    }
}
