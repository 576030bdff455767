package io.github.camelparallel.hazelcast;

import java.util.function.Function;

/** n → "{@link CpuWork}(n)@node", where node is the member JVM's {@code camel.parallel.test.node} (NetworkLab's). */
public class NodeCpuWork implements Function<Integer, String> {

    private final CpuWork work = new CpuWork();

    @Override
    public String apply(Integer n) {
        return work.apply(n) + "@" + System.getProperty("camel.parallel.test.node", "?");
    }
}
