package io.github.camelparallel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The goals table's rules on made-up figures: a goal within 20% of its line asks for its scenario to run again until
 * it has three runs, the repeats' figures are merged by name, met or missed is decided on the median, the spread is
 * shown, and a missed goal is said plainly with how far it is from its line.
 */
class GoalsTest {

    @Test
    void aFigureNearItsLineIsRepeatedAndDecidedOnTheMedian() {
        Goals goals = new Goals();
        goals.scenario("streaming");
        goals.add("heap ÷ Camel's", 1, false, 1.05, "x", "");
        goals.scenario("cpu");
        goals.add("speed-up", 1.9, true, 3.0, "x", "");
        goals.scenario("hazelcast");
        goals.add("per chunk", 100, false, 377, " µs", "");

        assertEquals(Set.of("streaming"), goals.scenariosNearTheLine(), "only the figure within 20% of its line");
        for (double again : new double[] {0.97, 0.99}) {
            Goals repeat = new Goals();
            repeat.scenario("streaming");
            repeat.add("heap ÷ Camel's", 1, false, again, "x", "");
            goals.merge(repeat);
        }

        Goals.Goal heap = goals.all().get(0);
        assertEquals(3, heap.measuredRuns());
        assertEquals(0.99, heap.measured(), 1e-9);
        assertTrue(heap.met(), "the median is under the line, the first run was not");
        assertEquals(Set.of(), goals.scenariosNearTheLine(), "three runs: no more repeats");
        String table = goals.table();
        assertTrue(table.contains("| 0.99x (0.97 – 0.99 – 1.05x, median of 3 runs) | **met** |"), table);
        String missed = goals.missed();
        assertTrue(missed.contains("per chunk: 377 µs against ≤ 100 µs (277.0% short of the line)"), missed);
        assertFalse(missed.contains("heap"), missed);
    }

    @Test
    void aGoalNotMeasuredIsNeitherRepeatedNorMissed() {
        Goals goals = new Goals();
        goals.scenario("process");
        goals.add("cold start", 120, false, Double.NaN, " ms", "no archive");
        assertEquals(Set.of(), goals.scenariosNearTheLine());
        assertEquals("", goals.missed());
        assertTrue(goals.table().contains("| cold start | ≤ 120 ms | not measured |"), goals.table());
    }
}
