package io.github.camelparallel.hazelcast;

import java.util.List;
import java.util.function.Function;

/**
 * An item {@code [n, millis]} → "n²@node" after {@code millis} ms, where node is the member JVM's
 * {@code camel.parallel.test.node} (set by NetworkLab): quick items for large batches, slow ones to cut a link
 * mid-batch, one task for both.
 */
public class NodeSquare implements Function<List<Integer>, String> {
    @Override
    public String apply(List<Integer> item) {
        try {
            Thread.sleep(item.get(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long n = item.get(0);
        return n * n + "@" + System.getProperty("camel.parallel.test.node", "?");
    }
}
