package com.example;

import java.util.function.Function;

/** The task the README and the component page name: the cube of an integer. */
public class Cube implements Function<Integer, Long> {

    @Override
    public Long apply(Integer n) {
        return (long) n * n * n;
    }
}
