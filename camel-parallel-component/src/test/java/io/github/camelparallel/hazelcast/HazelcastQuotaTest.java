package io.github.camelparallel.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out shown on N small machines: member JVMs each in its own network namespace and confined to half a CPU by a
 * cgroup quota ({@link NetworkLab}), this JVM their client, a CPU-bound batch with automatic chunks. Throughput over 2
 * and 3 members against 1. The short form (normal build, one batch each) proves the set-up end to end (quota-confined
 * members at each count, exact results) and prints its figures without asserting them: three half-CPU members plus
 * this JVM need more than a shared two-core machine may give. The long form ({@code -Dcamel.parallel.lab.long=true},
 * profile {@code network-lab}) asserts the goal, 1.8x and 2.6x. Skipped where namespaces or cgroups cannot be made.
 */
class HazelcastQuotaTest {

    private static final double CPUS = 0.5;

    /** Items per second of the median of {@code measure} batches over {@code members} quota-confined members. */
    private static double throughput(int members, int items, int measure) throws Exception {
        try (NetworkLab lab = NetworkLab.open(members)) {
            lab.startMembers(CPUS, 2, List.of());
            CamelContext context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                    "parallel:quota?backend=hazelcast&clientMode=true&poolSize=2&clusterName=" + lab.cluster
                            + "&members=" + lab.members() + "&task=#class:" + CpuWork.class.getName()));
            try {
                List<Integer> batch = IntStream.range(0, items).boxed().toList();
                List<Long> expected = batch.stream().map(new CpuWork()).toList();
                run(context, batch, expected); // warm-up: the members compile the task
                List<Double> seconds = new ArrayList<>();
                for (int i = 0; i < measure; i++) {
                    long t0 = System.nanoTime();
                    run(context, batch, expected);
                    seconds.add((System.nanoTime() - t0) / 1e9);
                }
                double median = seconds.stream().sorted().toList().get(seconds.size() / 2);
                double perSecond = items / median;
                System.out.printf(Locale.ROOT, "HazelcastQuotaTest: %d member(s) at %.1f CPU: %.1f items/s (batches %s s)%n",
                        members, CPUS, perSecond, seconds);
                return perSecond;
            } finally {
                context.stop();
            }
        }
    }

    private static void run(CamelContext context, List<Integer> batch, List<Long> expected) {
        Exchange out = TestContexts.send(context, "direct:in", batch);
        assertNull(out.getException(), () -> "batch failed: " + out.getException());
        assertEquals(expected, out.getMessage().getBody(List.class));
    }

    @Test
    void oneTwoAndThreeQuotaConfinedMembersRunACpuBoundBatch() throws Exception {
        boolean longForm = HazelcastNetworkTest.LONG;
        int items = longForm ? 600 : 150;
        int measure = longForm ? 5 : 1;
        double one = throughput(1, items, measure);
        double two = throughput(2, items, measure);
        double three = throughput(3, items, measure);
        System.out.printf(Locale.ROOT, "HazelcastQuotaTest: speed-up over 1 member: 2 members %.2fx, 3 members %.2fx%n",
                two / one, three / one);
        if (longForm) { // the short form's single batches on a shared machine are figures, not evidence
            assertTrue(two / one >= 1.8, "2 members: " + two / one + "x");
            assertTrue(three / one >= 2.6, "3 members: " + three / one + "x");
        }
    }
}
