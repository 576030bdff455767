package io.github.camelparallel.backend.hazelcast;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.camelparallel.TestContexts;
import io.github.camelparallel.tasks.Cube;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Automatic chunks on a cluster: every chunk is a round trip, so a small batch on an endpoint that has measured its
 * task before goes out in a few chunks at once (sized by the task's run time on the members, not by the round trip),
 * rather than one item per chunk while it learns again; and a chunk's end submits the next chunk on the thread that
 * reported it, without waking another (each wake-up is a context switch on both sides). Embedded member; results exact.
 */
class HazelcastChunkSizingTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private List<?> run(int items) {
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, items).boxed().toList());
        assertNull(out.getException(), () -> "batch failed: " + out.getException());
        return out.getMessage().getBody(List.class);
    }

    private static List<Long> cubes(int items) {
        return IntStream.range(0, items).mapToObj(i -> (long) i * i * i).toList();
    }

    @Test
    void aSmallBatchAfterOthersGoesOutInAFewChunks() throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:hzsizing?backend=hazelcast&poolSize=2&timeout=30000&task=#class:" + Cube.class.getName()));
        for (int i = 0; i < 2; i++) {
            assertEquals(cubes(100), run(100)); // the endpoint learns the task's time per item
        }
        long before = MemberTasks.runsStarted();
        assertEquals(cubes(10), run(10));
        long chunks = MemberTasks.runsStarted() - before;
        // two member threads, a window of four chunks: one wave of round trips, not one per item
        assertTrue(chunks >= 1 && chunks <= 4, "a 10-item batch went out in " + chunks + " chunks");
    }

    @Test
    void aChunksEndSubmitsTheNextOnTheSameThread() throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:hzhandoff?backend=hazelcast&poolSize=2&chunkSize=1&timeout=30000&task=#class:"
                        + Cube.class.getName()));
        assertEquals(cubes(50), run(50));
        long before = HazelcastBackend.submittersStarted();
        assertEquals(cubes(400), run(400));
        long started = HazelcastBackend.submittersStarted() - before;
        // a window of four: each chunk's end hands the next chunk over, which the reporting I/O thread then submits
        // itself; a submitter of its own (a thread woken) only where that thread was busy or the window refilled
        assertTrue(started < 100, "400 one-item chunks started " + started + " submitters of their own");
    }
}
