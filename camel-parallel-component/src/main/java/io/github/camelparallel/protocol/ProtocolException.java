package io.github.camelparallel.protocol;

import java.io.IOException;

/**
 * A line that breaks the worker protocol: not JSON, not an object, an unknown or missing {@code type}, a missing or
 * mistyped field, invalid UTF-8, or a line over the size limit. The message names what is wrong and, where there is a
 * line, ends with a cut of it (at most {@value FrameCodec#MAX_CUT} characters), so it can be logged as is.
 * <p>
 * It is an {@link IOException} because it is a failure of the channel to the other process: whoever reads the channel
 * already handles I/O failures, and a protocol error is handled the same way (the parent kills that worker and counts
 * its chunk as a failed attempt; a worker exits with {@code WorkerMain.EXIT_PROTOCOL_ERROR}).
 * <p>
 * Immutable and thread-safe.
 */
public class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
