package io.github.camelparallel.tasks;

/** A bean with exactly one one-argument method: found without method=. */
public class Doubler {

    public long twice(long n) {
        return 2 * n;
    }
}
