package io.github.camelparallel.hazelcast;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three member JVMs started with {@code MemberMain} on 127.0.0.1, and this JVM as a client ({@code clientMode}, so
 * every task runs in the member JVMs): a batch completes in order; a member killed with -9 mid-batch loses nothing
 * (every result arrives exactly once, in order); a member that hangs (SIGSTOP) is declared dead after the heartbeat
 * timeout and its chunks run again elsewhere.
 */
class HazelcastClusterTest {

    @TempDir
    Path scratch;

    private CamelContext context;
    private MemberJvms members;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (members != null) {
            members.close();
        }
    }

    private void startClient(String options) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:cluster?backend=hazelcast"
                + "&clientMode=true&clusterName=" + members.cluster + "&members=" + members.members()
                + "&task=#class:" + SlowSquare.class.getName() + "&" + options));
    }

    private List<?> run(int items) {
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, items).boxed().toList());
        assertNull(out.getException(), () -> "batch failed: " + out.getException());
        return out.getMessage().getBody(List.class);
    }

    private static List<Long> squares(int items) {
        return IntStream.range(0, items).mapToObj(i -> (long) i * i).toList();
    }

    @Test
    void aClientRunsABatchOnThreeMemberJvmsInOrder() throws Exception {
        members = new MemberJvms(3);
        startClient("poolSize=2&chunkSize=10");
        assertEquals(squares(300), run(300));
    }

    @Test
    void aMemberKilledMinusNineMidBatchLosesNoItem() throws Exception {
        members = new MemberJvms(3);
        startClient("poolSize=2&chunkSize=5");
        Thread killer = new Thread(() -> {
            sleep(1500);
            members.processes.get(1).destroyForcibly(); // kill -9
        });
        killer.start();
        long t0 = System.nanoTime();
        List<?> results = run(400); // 400 x 20 ms over 6 threads: about 1.5 s left when the member dies
        killer.join();
        assertTrue(!members.processes.get(1).isAlive(), "the member was killed");
        assertEquals(squares(400), results, "every result exactly once, in order");
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 60);
        // the two survivors still serve
        assertEquals(squares(40), run(40));
    }

    @Test
    void aHungMemberIsDeclaredDeadAndItsChunksRunElsewhere() throws Exception {
        members = new MemberJvms(3);
        startClient("poolSize=2&chunkSize=5");
        long pid = members.processes.get(2).pid();
        Thread freezer = new Thread(() -> {
            sleep(1000);
            signal("STOP", pid);
        });
        freezer.start();
        long t0 = System.nanoTime();
        try {
            List<?> results = run(300);
            assertEquals(squares(300), results, "every result, in order, after the hung member was dropped");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            // documented: a member silent for 10 s (hazelcast.max.no.heartbeat.seconds) is dropped; allow for a slow
            // shared machine on top
            assertTrue(seconds < 45, "took " + seconds + " s");
        } finally {
            freezer.join();
            signal("KILL", pid);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
