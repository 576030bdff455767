package io.github.camelparallel.process;

import java.util.function.Function;

/** Not usable in a worker: no no-arg constructor. */
public class NoDefaultConstructor implements Function<Integer, Integer> {

    private final int offset;

    public NoDefaultConstructor(int offset) {
        this.offset = offset;
    }

    @Override
    public Integer apply(Integer n) {
        return n + offset;
    }
}
