package io.github.camelparallel.hazelcast;

import java.util.function.Function;

/** n → "n²@node" after 20 ms, where node is the member JVM's {@code camel.parallel.test.node} (set by NetworkLab). */
public class NodeSquare implements Function<Integer, String> {
    @Override
    public String apply(Integer n) {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return (long) n * n + "@" + System.getProperty("camel.parallel.test.node", "?");
    }
}
