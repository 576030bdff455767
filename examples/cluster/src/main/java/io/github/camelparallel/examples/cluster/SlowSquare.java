package io.github.camelparallel.examples.cluster;

import java.util.function.Function;

/**
 * The task of {@code parallel:cluster}: n to n², after {@value #ITEM_MILLIS} ms standing in for real work, so a batch
 * lasts long enough for a member to be killed under it. Runs on the member JVMs: a public class with a public no-arg
 * constructor, on their classpath. Deterministic, so a chunk run twice (at-least-once after a member dies) gives the
 * same results. Stateless and thread-safe.
 */
public class SlowSquare implements Function<Integer, Long> {

    static final long ITEM_MILLIS = 20;

    @Override
    public Long apply(Integer n) {
        try {
            Thread.sleep(ITEM_MILLIS);
        } catch (InterruptedException e) {
            // the chunk was cancelled (its batch ended early): keep the flag and give up on this item
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while squaring " + n, e);
        }
        long value = n;
        return value * value;
    }
}
