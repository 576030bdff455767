package io.github.camelparallel.examples.cube;

import java.util.List;
import java.util.stream.IntStream;

/** Makes the batches of the example. Stateless and thread-safe. */
public class Numbers {

    /** The integers 1..count, in order: the body sent to {@code parallel:}. */
    public List<Integer> upTo(int count) {
        return IntStream.rangeClosed(1, count).boxed().toList();
    }
}
