package io.github.camelparallel.hazelcast;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.hazelcast.client.config.ClientConfig;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.hazelcast.HazelcastConfigs;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client with no reachable member fails start within {@code clientConnectTimeout}
 * naming the members and the option; members that do not resolve fail the start when none does (naming the host) and
 * are warned about when some do; a listed member that is not in the cluster once this member has started is named in
 * a warning. Real embedded members and clients; the bounds are generous (a shared machine).
 */
class HazelcastStartupTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private static String task() {
        return "&task=#class:" + SlowSquare.class.getName();
    }

    /** The messages of the exception and its causes, joined. */
    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }

    private static long seconds(long startNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }

    @Test
    void aClientWithNoReachableMemberFailsStartWithinClientConnectTimeoutNamingMembersAndOption() throws Exception {
        int port = MemberJvms.freePort(); // nothing listens there
        long t0 = System.nanoTime();
        Exception e = assertThrows(Exception.class, () -> context = TestContexts.started(Map.of(),
                TestContexts.route("direct:in", "parallel:lonely?backend=hazelcast&clientMode=true&members=127.0.0.1:"
                        + port + "&clientConnectTimeout=2s" + task())));
        long took = seconds(t0);
        String text = messages(e);
        assertTrue(text.contains("no Hazelcast member"), text);
        assertTrue(text.contains("127.0.0.1:" + port), text);
        assertTrue(text.contains("clientConnectTimeout of 2000 ms"), text);
        // Hazelcast's own default would be 30 s of retries; 2 s plus a slow machine's start-up stays far below
        assertTrue(took < 20, "took " + took + " s");
    }

    @Test
    void clientConnectTimeoutSetsHazelcastsClusterConnectTimeout() throws Exception {
        ClientConfig bounded = HazelcastConfigs.client("c", List.of("127.0.0.1:5701"), null, 2000);
        assertEquals(2000, bounded.getConnectionStrategyConfig().getConnectionRetryConfig()
                .getClusterConnectTimeoutMillis());
        ClientConfig unbounded = HazelcastConfigs.client("c", List.of("127.0.0.1:5701"), null, 0);
        assertEquals(-1, unbounded.getConnectionStrategyConfig().getConnectionRetryConfig()
                .getClusterConnectTimeoutMillis(), "0 means no bound: Hazelcast's -1");
    }

    @Test
    void aNegativeClientConnectTimeoutFailsStartNamingTheOption() {
        Exception e = assertThrows(Exception.class, () -> context = TestContexts.started(Map.of(),
                TestContexts.route("direct:in", "parallel:negative?backend=hazelcast&clientMode=true"
                        + "&members=127.0.0.1:5701&clientConnectTimeout=-5" + task())));
        assertTrue(messages(e).contains("clientConnectTimeout"), messages(e));
    }

    @Test
    void membersNoneOfWhichResolvesFailStartNamingTheHost() {
        for (String mode : List.of("", "&clientMode=true")) {
            long t0 = System.nanoTime();
            Exception e = assertThrows(Exception.class, () -> context = TestContexts.started(Map.of(),
                    TestContexts.route("direct:in", "parallel:nowhere?backend=hazelcast"
                            + "&members=no-such-host.invalid:5701" + mode + task())),
                    "started as a cluster of one" + mode);
            String text = messages(e);
            assertTrue(text.contains("no-such-host.invalid"), text);
            assertTrue(text.contains("resolve"), text);
            long took = seconds(t0);
            assertTrue(took < 20, "took " + took + " s" + mode);
        }
    }

    @Test
    void listedMembersThatDoNotResolveOrDoNotJoinAreNamedInAWarning() throws Exception {
        int port = MemberJvms.freePort(); // nothing listens there: never joins
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:partly?backend=hazelcast"
                    + "&clusterName=partly-" + System.nanoTime() + "&members=no-such-host.invalid:5701,127.0.0.1:" + port
                    + "&poolSize=2" + task()));
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        String warnings = log.lines().filter(line -> line.contains("WARN") && line.contains("parallel:partly"))
                .reduce("", (a, b) -> a + b + "\n");
        assertTrue(warnings.contains("no-such-host.invalid") && warnings.contains("resolve"), log);
        assertTrue(warnings.contains("127.0.0.1:" + port) && warnings.contains("not in the cluster"), log);
        assertFalse(warnings.lines().anyMatch(line -> line.contains("not in the cluster")
                && line.contains("no-such-host")), "an unresolvable host is named once, as such: " + warnings);
        // it still serves, as the cluster it formed
        Exchange out = TestContexts.send(context, "direct:in", List.of(1, 2, 3));
        assertNull(out.getException());
        assertEquals(List.of(1L, 4L, 9L), out.getMessage().getBody(List.class));
    }
}
