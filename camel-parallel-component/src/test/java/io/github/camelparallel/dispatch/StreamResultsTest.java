package io.github.camelparallel.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A streamed batch's results as its consumer takes them: in input order, a chunk's settled run handed out in one go,
 * failures where {@code onError} puts them, whatever the chunk sizes, the settling order and the consumer's round.
 */
class StreamResultsTest {

    @Test
    void orderedRoundsHandOutEveryItemOnceInOrderUnderEveryPolicy() {
        Random random = new Random(42);
        for (ErrorPolicy policy : ErrorPolicy.values()) {
            for (int trial = 0; trial < 200; trial++) {
                check(policy, random);
            }
        }
    }

    /** Random chunks, settled in random order with random failures, taken in rounds of random length. */
    private static void check(ErrorPolicy policy, Random random) {
        int window = 1 + random.nextInt(4);
        StreamResults results = new StreamResults(true, policy, window);
        List<int[]> chunks = new ArrayList<>();
        int pulled = 0;
        for (int c = 0; c < window; c++) {
            int size = 1 + random.nextInt(40);
            results.opened(pulled, size);
            chunks.add(new int[] { pulled, size });
            pulled += size;
        }
        double failureRate = random.nextDouble() * 0.3;
        boolean[] failed = new boolean[pulled];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pulled; i++) {
            failed[i] = random.nextDouble() < failureRate;
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<Object> expected = new ArrayList<>(); // value, null (collected) or the error (fail: the last one)
        for (int i = 0; i < pulled; i++) {
            if (!failed[i]) {
                expected.add("v" + i);
            } else if (policy == ErrorPolicy.COLLECT) {
                expected.add(null);
            } else if (policy == ErrorPolicy.FAIL) {
                expected.add("e" + i);
                break;
            }
        }
        List<Object> taken = new ArrayList<>();
        List<Integer> takenIndexes = new ArrayList<>();
        int settledSoFar = 0;
        boolean ended = false;
        while (!ended) {
            // settle a few more items (a run reported at once when the next ones in order succeeded), then take a round
            for (int k = random.nextInt(30); k > 0 && settledSoFar < pulled; k--) {
                int index = order.get(settledSoFar++);
                if (failed[index]) {
                    results.failure(index, new IllegalStateException("e" + index));
                } else {
                    results.success(index, "v" + index);
                }
            }
            Object[] values = new Object[1 + random.nextInt(50)];
            int[] indexes = new int[values.length];
            results.commit();
            int n = results.peek(values, indexes);
            for (int i = 0; i < n; i++) {
                Object value = values[i];
                taken.add(value instanceof StreamResults.Failed f ? f.error().getMessage() : value);
                takenIndexes.add(indexes[i]);
                if (value instanceof StreamResults.Failed) {
                    assertEquals(n - 1, i, "a failure to throw ends the round");
                    ended = true;
                }
            }
            ended |= n == 0 && settledSoFar == pulled;
        }
        assertEquals(expected, taken, policy + " " + failed.length + " items");
        int previous = -1;
        for (int index : takenIndexes) {
            assertTrue(index > previous, "indexes ascend: " + takenIndexes);
            previous = index;
        }
        for (int i = 0; i < taken.size(); i++) {
            Object value = taken.get(i);
            if (value != null) {
                assertEquals(value.toString().substring(1), String.valueOf(takenIndexes.get(i)), "index of " + value);
            }
        }
        if (policy != ErrorPolicy.FAIL) {
            results.commit();
            assertTrue(results.hasRoom(), "every chunk consumed: its slot is closed");
            assertEquals(pulled, results.deliveredCount() + skipped(policy, failed), "delivered");
        }
    }

    private static long skipped(ErrorPolicy policy, boolean[] failed) {
        long count = 0;
        for (boolean f : failed) {
            count += f && policy == ErrorPolicy.SKIP ? 1 : 0;
        }
        return count;
    }

    @Test
    void aRoundStopsAtTheFirstUnsettledItemAndResumesThere() {
        StreamResults results = new StreamResults(true, ErrorPolicy.FAIL, 2);
        results.opened(0, 4);
        results.opened(4, 4);
        results.successes(0, new Object[] { "a", "b" }, 2);
        results.success(3, "d");
        results.successes(4, new Object[] { "e", "f", "g", "h" }, 4);
        Object[] values = new Object[10];
        int[] indexes = new int[10];
        assertEquals(2, results.peek(values, indexes));
        assertEquals(List.of("a", "b"), List.of(values[0], values[1]));
        results.commit();
        assertEquals(0, results.peek(values, indexes), "item 2 is not settled");
        results.success(2, "c");
        assertEquals(6, results.peek(values, indexes));
        assertEquals(List.of("c", "d", "e", "f", "g", "h"), Arrays.asList(values).subList(0, 6));
        assertEquals(7, indexes[5]);
        results.commit();
        assertTrue(results.hasRoom());
    }

    @Test
    void unorderedHandsOutInSettlingOrderAndEndsARoundAtAFailure() {
        StreamResults results = new StreamResults(false, ErrorPolicy.FAIL, 2);
        results.opened(0, 3);
        IllegalStateException error = new IllegalStateException("boom");
        results.success(2, "c");
        results.failure(0, error);
        results.success(1, "b");
        Object[] values = new Object[10];
        int[] indexes = new int[10];
        assertEquals(2, results.peek(values, indexes));
        assertEquals("c", values[0]);
        assertEquals(2, indexes[0]);
        assertSame(error, assertInstanceOf(StreamResults.Failed.class, values[1]).error());
        assertEquals(0, indexes[1]);
    }
}
