package io.github.camelparallel.packaging.app;

import java.util.function.Function;

/** A task declaring {@code Long} results: the square of the item. */
public class Square implements Function<Integer, Long> {

    @Override
    public Long apply(Integer item) {
        return (long) item * item;
    }
}
