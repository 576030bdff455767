package io.github.camelparallel.examples.quarkus;

import java.util.function.Function;

/**
 * The task of both endpoints: the cube of a number. Public with a public no-argument constructor, so that
 * {@code backend=process} workers can create their own instance from the class name; stateless, so thread-safe.
 */
public class Cube implements Function<Integer, Long> {

    @Override
    public Long apply(Integer n) {
        return (long) n * n * n;
    }
}
