package io.github.camelparallel.examples.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task and the check of the example, without Camel or Hazelcast. */
class ClusterReportTest {

    @Test
    void slowSquareSquaresPastIntRange() {
        assertEquals(9L, new SlowSquare().apply(3));
        assertEquals(10_000_000_000L, new SlowSquare().apply(100_000));
    }

    @Test
    void slowSquareKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(IllegalStateException.class, () -> new SlowSquare().apply(2));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void checkAcceptsOnlyEverySquareOnceInOrder() {
        ClusterReport report = new ClusterReport();
        assertEquals(List.of(1, 2, 3, 4), report.numbers(4));
        assertEquals(4, report.check(List.of(1L, 4L, 9L, 16L), 4));
        assertEquals(4, report.getCheckedItems());

        IllegalStateException lost = assertThrows(IllegalStateException.class,
                () -> report.check(List.of(1L, 4L, 9L), 4));
        assertTrue(lost.getMessage().contains("3 results for a batch of 4"), lost.getMessage());
        IllegalStateException moved = assertThrows(IllegalStateException.class,
                () -> report.check(List.of(1L, 9L, 4L, 16L), 4));
        assertTrue(moved.getMessage().contains("result 1 is 9, not 4"), moved.getMessage());
        List<Long> missing = new ArrayList<>(Arrays.asList(1L, null, 9L, 16L));
        assertThrows(IllegalStateException.class, () -> report.check(missing, 4));
    }
}
