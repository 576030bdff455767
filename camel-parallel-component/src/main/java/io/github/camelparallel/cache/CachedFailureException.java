package io.github.camelparallel.cache;

/**
 * A failure remembered by the result cache ({@code cacheErrors=true}) and handed out again instead of re-running the
 * item: it names the original exception's class and message, which is all an entry keeps of it.
 */
public class CachedFailureException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String originalType;

    public CachedFailureException(String originalType, String originalMessage) {
        super(originalType + ": " + originalMessage + " (remembered by the result cache from an earlier run)");
        this.originalType = originalType;
    }

    /** The class name of the exception the item failed with when it ran. */
    public String getOriginalType() {
        return originalType;
    }
}
