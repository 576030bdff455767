package io.github.camelparallel.process;

import java.util.function.Function;

/** n → n³ in a worker process; the declared result type (Long) comes back as Long in the parent. */
public class Cube implements Function<Integer, Long> {

    @Override
    public Long apply(Integer n) {
        return (long) n * n * n;
    }
}
