package io.github.camelparallel.hazelcast;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.hazelcast.HazelcastBackend;
import io.github.camelparallel.backend.hazelcast.HazelcastConfigs;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Members in this JVM: the route's embedded member joins a second member over TCP-IP and the chunks run on both; the
 * user's own instance is used and never shut down; the embedded member is private and loopback-only by default and
 * gone after the route stops; without Hazelcast on the classpath the route fails at start naming the dependency.
 */
class HazelcastMembersTest {

    /** Records the Hazelcast instance whose thread ran each item (thread names carry it). */
    public static class WhereAmI implements Function<Integer, Integer> {
        static final Set<String> INSTANCES = ConcurrentHashMap.newKeySet();

        @Override
        public Integer apply(Integer n) {
            String thread = Thread.currentThread().getName(); // hz.<instance>.<pool>...
            String[] parts = thread.split("\\.");
            INSTANCES.add(parts.length > 1 ? parts[1] : thread);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return n + 1;
        }
    }

    @TempDir
    Path dir;

    private CamelContext context;
    private HazelcastInstance other;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (other != null) {
            other.shutdown();
        }
    }

    private List<?> run(int items) {
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, items).boxed().toList());
        assertNull(out.getException(), () -> "batch failed: " + out.getException());
        return out.getMessage().getBody(List.class);
    }

    @Test
    void twoMembersInOneJvmShareTheChunks() throws Exception {
        String cluster = "two-" + System.nanoTime();
        int port = MemberJvms.freePort();
        other = Hazelcast.newHazelcastInstance(HazelcastConfigs.member(cluster, port,
                List.of("127.0.0.1:" + port), 2, true, null));
        WhereAmI.INSTANCES.clear();
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:two?backend=hazelcast"
                + "&clusterName=" + cluster + "&members=127.0.0.1:" + port + "&poolSize=2&chunkSize=4"
                + "&task=#class:" + WhereAmI.class.getName()));
        HazelcastBackend backend = (HazelcastBackend) context.getComponent("parallel", ParallelComponent.class)
                .getPoolBackend("two");
        assertEquals(2, backend.instance().getCluster().getMembers().size(), "the route's member joined the other");
        assertEquals(2 * 2, backend.capabilities().parallelism(), "poolSize threads on each of the 2 members");
        assertEquals(IntStream.range(1, 401).boxed().toList(), run(400));
        assertEquals(2, WhereAmI.INSTANCES.size(), "chunks ran on both members: " + WhereAmI.INSTANCES);
    }

    @Test
    void theUsersInstanceIsUsedAndNeverShutDown() throws Exception {
        int port = MemberJvms.freePort();
        other = Hazelcast.newHazelcastInstance(HazelcastConfigs.member("mine-" + System.nanoTime(), port,
                List.of("127.0.0.1:" + port), 2, true, null));
        context = TestContexts.started(Map.of("hz", other), TestContexts.route("direct:in",
                "parallel:mine?backend=hazelcast&hazelcastInstance=#hz&poolSize=2&task=#class:" + WhereAmI.class.getName()));
        assertEquals(IntStream.range(1, 51).boxed().toList(), run(50));
        context.stop();
        context = null;
        assertTrue(other.getLifecycleService().isRunning(), "the user's instance is still running");
    }

    @Test
    void theEmbeddedMemberIsPrivateLoopbackOnlyAndGoneAfterStop() throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:alone?backend=hazelcast&poolSize=2&task=#class:" + WhereAmI.class.getName()));
        HazelcastBackend backend = (HazelcastBackend) context.getComponent("parallel", ParallelComponent.class)
                .getPoolBackend("alone");
        HazelcastInstance member = backend.instance();
        assertTrue(member.getConfig().getClusterName().startsWith("camel-parallel-"), "a private cluster name");
        assertEquals("127.0.0.1", member.getCluster().getLocalMember().getAddress().getHost());
        assertFalse(member.getConfig().getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
        assertEquals("false", member.getConfig().getProperty("hazelcast.phone.home.enabled"));
        assertEquals(IntStream.range(1, 11).boxed().toList(), run(10));
        context.stop();
        context = null;
        assertFalse(member.getLifecycleService().isRunning(), "the member we created is shut down with the route");
    }

    @Test
    void withoutHazelcastOnTheClasspathTheRouteFailsAtStartNamingTheDependency() throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("hazelcast-5") && !entry.contains("com/hazelcast"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(classpath.length() < System.getProperty("java.class.path").length(), "the jar was left out");
        Path out = dir.resolve("out.txt");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp", classpath,
                NoHazelcastMain.class.getName()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(output.contains("FAILED AT START"), output);
        assertTrue(output.contains("com.hazelcast:hazelcast"), output);
    }

    @Test
    void aMissingConfigFileIsNamedAtStart() {
        Exception e = assertThrows(Exception.class, () -> TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:cfg?backend=hazelcast&hazelcastConfig=/nonexistent/hz.yaml&task=#class:"
                        + WhereAmI.class.getName())));
        Throwable cause = e;
        StringBuilder messages = new StringBuilder();
        while (cause != null) {
            messages.append(cause.getMessage()).append(" | ");
            cause = cause.getCause();
        }
        assertTrue(messages.toString().contains("/nonexistent/hz.yaml"), messages.toString());
    }
}
