package io.github.camelparallel.protocol;

import java.util.Objects;

/**
 * One failed item inside a {@link Frame.Result}:
 * {@code {"index":2,"error":"java.lang.ArithmeticException","message":"/ by zero","trace":"..."}}.
 * <p>
 * {@code index} is the item's position inside its run (0-based, not its index in the batch); {@code error} names the
 * exception type in the worker's language (a Java class name, a Python type name, ...); {@code message} and
 * {@code trace} are free text and may be null (the codec then omits them).
 * <p>
 * Immutable and thread-safe.
 */
public record ItemError(int index, String error, String message, String trace) {

    public ItemError {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0: " + index);
        }
        Objects.requireNonNull(error, "error");
    }
}
