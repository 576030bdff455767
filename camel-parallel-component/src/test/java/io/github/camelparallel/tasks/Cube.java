package io.github.camelparallel.tasks;

import java.util.function.Function;

/** A Function task with a public no-arg constructor, for #class: references. */
public class Cube implements Function<Integer, Long> {

    @Override
    public Long apply(Integer n) {
        return (long) n * n * n;
    }
}
