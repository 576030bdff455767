package io.github.camelparallel.dispatch;

/** What a batch does with an item that failed after its retries ({@code onError} option). */
public enum ErrorPolicy {
    /** The first failure fails the batch; chunks not yet started are not run. */
    FAIL,
    /** Failed items leave null at their position; the failures are reported by index. */
    COLLECT,
    /** Failed items are left out of the results; the failures are reported by index. */
    SKIP;

    /** Parses {@code fail}, {@code collect} or {@code skip} (any case); the error names the option. */
    public static ErrorPolicy parse(String value) {
        if (value != null) {
            for (ErrorPolicy p : values()) {
                if (p.name().equalsIgnoreCase(value.trim())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException(
                "Option onError must be one of fail, collect, skip but was '" + value + "'");
    }
}
