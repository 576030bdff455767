package io.github.camelparallel.hazelcast;

import java.util.function.Function;

/** n → n², after 20 ms: long enough for a batch to be mid-way when a member dies. */
public class SlowSquare implements Function<Integer, Long> {
    @Override
    public Long apply(Integer n) {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return (long) n * n;
    }
}
