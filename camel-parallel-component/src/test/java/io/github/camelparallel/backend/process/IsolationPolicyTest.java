package io.github.camelparallel.backend.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelparallel.backend.remote.RemoteItems;
import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The isolation policy as a decision on a job, without processes: which items of a lost run re-run alone, at no cost
 * to their attempts, and when an item running alone fails.
 */
class IsolationPolicyTest {

    private static final ChunkListener NO_LISTENER = new ChunkListener() {
        @Override
        public void itemDone(Chunk chunk, int offset, Object result, Throwable error) {
        }

        @Override
        public void chunkDone(Chunk chunk, long runNanos) {
        }
    };

    private static Job job(Object... items) {
        Chunk chunk = new Chunk(20, Arrays.asList(items), 1, null, 0);
        return Job.of(new ChunkRun(chunk, NO_LISTENER), RemoteItems.encode(chunk, (offset, e) -> {
            throw new AssertionError(e);
        }));
    }

    @Test
    void aLostRunOfSeveralItemsReRunsEachAloneInOrderWithNoCrashCounted() {
        Job job = job("a", "b", "c");
        for (boolean hung : new boolean[] { false, true }) {
            var rerun = assertInstanceOf(IsolationPolicy.Decision.RerunAlone.class, IsolationPolicy.decide(job, hung));
            assertEquals(3, rerun.jobs().size());
            for (int i = 0; i < 3; i++) {
                Job alone = rerun.jobs().get(i);
                assertArrayEquals(new int[] { i }, alone.offsets());
                assertTrue(alone.isolated());
                assertEquals(0, alone.crashes());
                assertEquals(job.run(), alone.run());
                assertEquals(1, alone.chunk().attempt()); // no cost to the attempts
                assertEquals("[\"" + "abc".charAt(i) + "\"]", new String(alone.encodedItems()));
            }
        }
    }

    @Test
    void anItemReRunAloneIsSentAsTheBytesItWasSentAs() {
        Map<String, Object> map = new LinkedHashMap<>(Map.of("k", List.of(1.50, "x,]")));
        Job job = job(12_345_678_901L, map, null, "\u00e9,\"", Double.NaN);
        String[] expected = { "[12345678901]", "[{\"k\":[1.5,\"x,]\"]}]", "[null]", "[\"\u00e9,\\\"\"]", "[NaN]" };
        map.put("changed", true); // after encoding: the re-run sends what the first run sent
        for (int i = 0; i < expected.length; i++) {
            Job alone = job.isolate(i, 0);
            assertEquals(expected[i], new String(alone.encodedItems(), StandardCharsets.UTF_8));
            assertArrayEquals(new int[] { i }, alone.offsets());
            assertEquals(expected[i], new String(alone.isolate(0, 1).encodedItems(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anItemAloneThatHangsFails() {
        assertInstanceOf(IsolationPolicy.Decision.FailItem.class, IsolationPolicy.decide(job("x"), true));
        Job isolated = ((IsolationPolicy.Decision.RerunAlone) IsolationPolicy.decide(job("x", "y"), false)).jobs().get(1);
        assertInstanceOf(IsolationPolicy.Decision.FailItem.class, IsolationPolicy.decide(isolated, true));
    }

    @Test
    void anItemAloneFailsOnlyAfterCrashingTwoWorkersInARow() {
        Job first = ((IsolationPolicy.Decision.RerunAlone) IsolationPolicy.decide(job("x", "y"), false)).jobs().get(0);
        var again = assertInstanceOf(IsolationPolicy.Decision.RerunAlone.class, IsolationPolicy.decide(first, false));
        assertEquals(1, again.jobs().size());
        Job second = again.jobs().get(0);
        assertEquals(1, second.crashes());
        assertArrayEquals(first.offsets(), second.offsets());
        assertInstanceOf(IsolationPolicy.Decision.FailItem.class, IsolationPolicy.decide(second, false));
    }

    @Test
    void aOneItemChunkIsAloneFromTheStart() {
        var again = assertInstanceOf(IsolationPolicy.Decision.RerunAlone.class, IsolationPolicy.decide(job("z"), false));
        assertEquals(1, again.jobs().get(0).crashes());
        assertInstanceOf(IsolationPolicy.Decision.FailItem.class, IsolationPolicy.decide(again.jobs().get(0), false));
    }
}
