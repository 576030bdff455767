package io.github.camelparallel.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The baseline: a plain loop on the calling thread, results in a fresh {@code ArrayList}. Stateless. */
public final class Sequential {

    private Sequential() {
    }

    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> task) {
        List<R> results = new ArrayList<>(items.size());
        for (T item : items) {
            results.add(task.apply(item));
        }
        return results;
    }
}
