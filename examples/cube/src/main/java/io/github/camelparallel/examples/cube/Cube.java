package io.github.camelparallel.examples.cube;

import java.util.function.Function;

/** The task of {@code parallel:cube}: n to n³, as a long (100000³ = 10^15 still fits). Stateless and thread-safe. */
public class Cube implements Function<Integer, Long> {

    @Override
    public Long apply(Integer n) {
        long value = n;
        return value * value * value;
    }
}
