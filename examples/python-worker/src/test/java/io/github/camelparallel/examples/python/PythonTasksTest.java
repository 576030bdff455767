package io.github.camelparallel.examples.python;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The beans of the example without Camel or Python: the samples, the Java statistics, the Python check's refusals. */
class PythonTasksTest {

    @Test
    void samplesAreTheSameForTheSameArguments() {
        List<List<Double>> batch = new Samples().batch(3, 10);
        assertEquals(3, batch.size());
        assertEquals(10, batch.get(2).size());
        assertEquals(batch, new Samples().batch(3, 10));
        assertTrue(batch.get(0).stream().allMatch(x -> x > 0), "log-normal values are positive");
    }

    @Test
    void javaStatisticsAreTheTextbookOnes() {
        assertEquals(2.5, StatsReport.mean(List.of(1.0, 2.0, 3.0, 4.0)));
        assertEquals(2.5, StatsReport.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(3.0, StatsReport.median(List.of(5.0, 3.0, 1.0)));
    }

    @Test
    void aWrongAnswerFromPythonIsRefusedNamingTheSample() {
        List<List<Double>> samples = List.of(List.of(1.0, 3.0), List.of(2.0, 4.0, 9.0));
        Map<String, Object> first = Map.of("count", 2, "mean", 2.0, "median", 2.0, "pid", 11);
        Map<String, Object> right = Map.of("count", 3, "mean", 5.0, "median", 4, "pid", 12);
        Map<String, Object> wrong = Map.of("count", 3, "mean", 5.0, "median", 2.0, "pid", 12);

        assertEquals(Set.of(11L, 12L), StatsReport.verify(samples, List.of(first, right)));
        IllegalStateException misplaced = assertThrows(IllegalStateException.class,
                () -> StatsReport.verify(samples, List.of(first, wrong)));
        assertTrue(misplaced.getMessage().startsWith("sample 1: "), misplaced.getMessage());
        IllegalStateException lost = assertThrows(IllegalStateException.class,
                () -> StatsReport.verify(samples, List.of(first)));
        assertEquals("1 answers for 2 samples", lost.getMessage());
    }

    @Test
    void anExecutableThatIsNotPython3IsRefused() {
        PythonCheck check = new PythonCheck();
        check.setExecutable("true"); // runs, exits 0, prints nothing

        assertFalse(check.available());

        assertTrue(check.getProblem().contains("not a Python 3"), check.getProblem());
    }
}
