package io.github.camelparallel.backend.process;

/**
 * A worker broke the protocol (a line that is not a frame, an unknown type, a wrong id, results of the wrong length,
 * a line over maxMessageSize). The worker is killed and every item of its run fails this attempt. Immutable.
 */
public class WorkerProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkerProtocolException(String message) {
        super(message);
    }
}
