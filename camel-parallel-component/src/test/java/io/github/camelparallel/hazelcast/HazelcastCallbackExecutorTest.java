package io.github.camelparallel.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.util.ConcurrencyUtil;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.hazelcast.HazelcastConfigs;
import io.github.camelparallel.tasks.Cube;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Nothing on a chunk's path waits on Hazelcast's default async executor. That executor is the JDK's common pool, or,
 * where the common pool has parallelism 1 (any machine with two processors), a new thread per callback: a chunk's
 * result then waited for a thread to be created, or for the one common-pool thread every library shares. The test
 * swaps Hazelcast's default for one that holds every task until the batch is over: a batch that completes meanwhile
 * did not wait on it, on any machine. Embedded member and client.
 */
class HazelcastCallbackExecutorTest {

    private final List<Runnable> held = new ArrayList<>();
    private Executor original;
    private CamelContext context;
    private HazelcastInstance member;

    @AfterEach
    void restore() {
        release();
        if (context != null) {
            context.stop();
        }
        if (member != null) {
            member.shutdown();
        }
    }

    /** From now on Hazelcast's default async executor runs nothing until {@link #release()}. */
    private void holdDefaultExecutor() {
        original = ConcurrencyUtil.getDefaultAsyncExecutor();
        ConcurrencyUtil.setDefaultAsyncExecutor(task -> {
            synchronized (held) {
                held.add(task);
            }
        });
    }

    private void release() {
        if (original == null) {
            return;
        }
        ConcurrencyUtil.setDefaultAsyncExecutor(original);
        original = null;
        synchronized (held) {
            held.forEach(original()::execute);
            held.clear();
        }
    }

    private static Executor original() {
        return ConcurrencyUtil.getDefaultAsyncExecutor();
    }

    private List<?> run(int items) {
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, items).boxed().toList());
        assertNull(out.getException(), () -> "batch failed: " + out.getException());
        return out.getMessage().getBody(List.class);
    }

    private void runWhileDefaultExecutorHeld(String endpoint) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", endpoint + "&poolSize=2&chunkSize=1"
                + "&timeout=15000&task=#class:" + Cube.class.getName()));
        run(20); // warm-up, with Hazelcast's executor as it is
        holdDefaultExecutor();
        assertEquals(IntStream.range(0, 200).mapToObj(i -> (long) i * i * i).toList(), run(200),
                "200 one-item chunks while Hazelcast's default async executor ran nothing");
    }

    @Test
    void anEmbeddedMemberCompletesChunksWithoutHazelcastsDefaultExecutor() throws Exception {
        runWhileDefaultExecutorHeld("parallel:hzcbe?backend=hazelcast");
    }

    @Test
    void aClientCompletesChunksWithoutHazelcastsDefaultExecutor() throws Exception {
        int port = MemberJvms.freePort();
        String cluster = "callbacks-" + System.nanoTime();
        member = Hazelcast.newHazelcastInstance(HazelcastConfigs.member(cluster, port, List.of(), 2, true, null));
        runWhileDefaultExecutorHeld("parallel:hzcbc?backend=hazelcast&clientMode=true&clusterName=" + cluster
                + "&members=127.0.0.1:" + port);
    }
}
