package io.github.camelparallel.backend.remote;

/**
 * An item's task raised an exception inside a worker process. Carries the worker's exception type, message and
 * stack trace text (exceptions never cross the wire as objects). Immutable.
 */
public class RemoteTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String remoteType;
    private final String remoteTrace;

    public RemoteTaskException(String remoteType, String message, String remoteTrace) {
        super(remoteType + ": " + message);
        this.remoteType = remoteType;
        this.remoteTrace = remoteTrace;
    }

    /** The exception type as the worker named it, e.g. {@code java.lang.ArithmeticException} or {@code ValueError}. */
    public String getRemoteType() {
        return remoteType;
    }

    /** The worker's stack trace text, possibly cut. */
    public String getRemoteTrace() {
        return remoteTrace;
    }
}
