package io.github.camelparallel.protocol;

/**
 * A line over the reader's limit ({@link LineReader}): a protocol error the reading side may tell apart from garbage,
 * since a well-behaved peer sends one too when a single value is too large (a result over {@code maxMessageSize}).
 * Immutable.
 */
public final class LineTooLongException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    public LineTooLongException(int limit) {
        super("line over " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit the line went over, in bytes. */
    public int limit() {
        return limit;
    }
}
