package io.github.camelparallel.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
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
 * cgroup quota ({@link NetworkLab}), this JVM their client, a CPU-bound batch with automatic chunks. One member
 * starts, the batch runs; a second joins, it runs again; then a third: throughput over 2 and 3 members against 1.
 * Members and this JVM (the submitter) get the highest CPU weight ({@link CpuQuotas}), so other work on a shared
 * machine takes neither a member's quota nor the submitter's CPU.
 * <p>
 * The short form (normal build, one measured batch per count) proves the set-up end to end: each member is in its
 * quota's cgroup, results are exact, every member runs chunks; it prints the figures without asserting them (three
 * half-CPU members plus this JVM need more than a shared two-core machine may give). The long form
 * ({@code -Dcamel.parallel.lab.long=true}, profile {@code network-lab}) takes the median of five batches of each count
 * and asserts the goal, 1.8x and 2.6x. Skipped where namespaces or cgroups cannot be made.
 */
class HazelcastQuotaTest {

    private static final double CPUS = 0.5;
    private static final int POOL_SIZE = 2;
    /** 0: automatic chunks (what is measured); a fixed size to see what chunking costs (a knob for the long form). */
    private static final int CHUNK_SIZE = Integer.getInteger("camel.parallel.lab.chunkSize", 0);

    @Test
    void oneTwoAndThreeQuotaConfinedMembersRunACpuBoundBatch() throws Exception {
        boolean longForm = HazelcastNetworkTest.LONG;
        int items = longForm ? 1500 : 300; // a few ms of CPU each: seconds per batch on one half-CPU member
        int measure = longForm ? 5 : 1;
        List<Integer> batch = IntStream.range(0, items).boxed().toList();
        List<String> expected = batch.stream().map(new CpuWork()).map(String::valueOf).toList();
        List<Double> perSecond = new ArrayList<>();
        NetworkLab lab = NetworkLab.open(3, longForm ? LabTiming.DEFAULTS : LabTiming.SHORT);
        CamelContext context = null;
        List<Path> quotas = new ArrayList<>();
        try {
            lab.favourThisJvm();
            for (int members = 1; members <= 3; members++) {
                int member = members - 1;
                lab.startMember(member, POOL_SIZE, List.of("-XX:+UseSerialGC"));
                Path cgroup = lab.confine(member, CPUS);
                String name = cgroup.getFileName().toString();
                assertTrue(lab.cgroupsOf(member).contains(name), () -> "member " + member + " in " + name);
                quotas.add(cgroup);
                if (context == null) { // the window sized for three members from the start (it is fixed at pool start)
                    context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:quota"
                            + "?backend=hazelcast&clientMode=true&poolSize=" + POOL_SIZE + "&maxInFlight="
                            + 2 * POOL_SIZE * 3 + "&chunkSize=" + CHUNK_SIZE + "&" + lab.clientOptions()
                            + "&task=#class:" + NodeCpuWork.class.getName()));
                }
                awaitClientSees(lab, members);
                perSecond.add(throughput(context, members, batch, expected, measure));
                for (Path q : quotas) {
                    System.out.printf("HazelcastQuotaTest: %s: %s%n", q.getFileName(), CpuQuotas.cpuStat(q));
                }
            }
        } finally {
            try {
                if (context != null) {
                    context.stop();
                }
            } finally {
                lab.close();
            }
        }
        assertEquals(List.of(), lab.leftovers(), "every namespace, link, cgroup and file removed");
        double two = perSecond.get(1) / perSecond.get(0);
        double three = perSecond.get(2) / perSecond.get(0);
        System.out.printf(Locale.ROOT, "HazelcastQuotaTest: | %s, chunkSize %d | %.1f | %.2fx | %.2fx | load %s |%n",
                longForm ? "long" : "short", CHUNK_SIZE, perSecond.get(0), two, three, load());
        if (longForm) { // the short form's single batches on a shared machine are figures, not evidence
            assertTrue(two >= 1.8, "2 members: " + two + "x");
            assertTrue(three >= 2.6, "3 members: " + three + "x");
        }
    }

    /** Items per second, median of {@code measure} batches after a warm-up half as long (JIT, partition moves). */
    private static double throughput(CamelContext context, int members, List<Integer> batch, List<String> expected,
            int measure) {
        Set<String> nodes = new TreeSet<>();
        int warm = batch.size() / 2;
        run(context, batch.subList(0, warm), expected.subList(0, warm), nodes);
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < measure; i++) {
            if (measure > 1) {
                nodes.clear(); // the long form: every measured batch reaches every member
            } // the short form's one batch of a few automatic chunks: with its warm-up batch
            long t0 = System.nanoTime();
            run(context, batch, expected, nodes);
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
        Set<String> all = new TreeSet<>();
        IntStream.range(0, members).forEach(m -> all.add(Integer.toString(m)));
        assertEquals(all, nodes, "every member runs chunks");
        double median = seconds.stream().sorted().toList().get(seconds.size() / 2);
        System.out.printf(Locale.ROOT, "HazelcastQuotaTest: %d member(s) at %.1f CPU: %.1f items/s (batches %s s)%n",
                members, CPUS, batch.size() / median, seconds);
        return batch.size() / median;
    }

    private static void run(CamelContext context, List<Integer> batch, List<String> expected, Set<String> nodes) {
        Exchange out = TestContexts.send(context, "direct:in", batch);
        assertNull(out.getException(), () -> "batch failed: " + out.getException());
        List<String> values = ((List<?>) out.getMessage().getBody(List.class)).stream().map(r -> {
            String[] parts = r.toString().split("@");
            nodes.add(parts[1]);
            return parts[0];
        }).toList();
        assertEquals(expected, values);
    }

    private static void awaitClientSees(NetworkLab lab, int members) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!lab.clientsSee(members) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(lab.clientsSee(members), "the client sees " + members + " member(s)");
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
