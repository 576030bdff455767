package io.github.camelparallel.examples.cube;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The beans of the example, without Camel. */
class CubeTasksTest {

    @Test
    void cubeIsALongPastIntRange() {
        assertEquals(27L, new Cube().apply(3));
        assertEquals(1_000_000_000_000_000L, new Cube().apply(100_000));
    }

    @Test
    void numbersAreOneToCountInOrder() {
        assertEquals(List.of(1, 2, 3, 4, 5), new Numbers().upTo(5));
        assertEquals(List.of(), new Numbers().upTo(0));
    }

    @Test
    void closedFormOfTheSumOfCubesHoldsPastLongRange() {
        assertEquals(BigInteger.ONE, CubeReport.expectedSumOfCubes(1));
        assertEquals(BigInteger.valueOf(1 + 8 + 27 + 64), CubeReport.expectedSumOfCubes(4));
        // the default run: 2.5 * 10^19 does not fit in a long
        BigInteger defaultRun = CubeReport.expectedSumOfCubes(100_000);
        assertEquals(new BigInteger("25000500002500000000"), defaultRun);
        assertTrue(defaultRun.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0);
    }

    @Test
    void sumOfCubesRefusesResultsThatDoNotAddUp() {
        CubeReport report = new CubeReport();
        assertEquals(BigInteger.valueOf(36), report.sumOfCubes(List.of(1L, 8L, 27L), 3));
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> report.sumOfCubes(List.of(1L, 27L), 3));
        assertTrue(wrong.getMessage().contains("not 36"), wrong.getMessage());
    }

    @Test
    void sha256RoundsChainsDigestsFromTheNumber() throws Exception {
        Sha256Rounds task = new Sha256Rounds();
        task.setRounds(2);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] twice = sha256.digest(sha256.digest(new byte[] { 0, 0, 0, 7 }));

        assertEquals(ByteBuffer.wrap(twice).getLong(), task.apply(7));
        assertEquals(task.apply(7), task.apply(7));
        assertThrows(IllegalArgumentException.class, () -> task.setRounds(0));
    }

    @Test
    void speedUpRequiresTheSameResultsFromBothRuns() {
        CubeReport report = new CubeReport();
        assertEquals("2.00", report.speedUp(List.of(1L, 2L), List.of(1L, 2L), 400, 200));
        assertEquals(2.0, report.getSpeedUp());
        assertThrows(IllegalStateException.class, () -> report.speedUp(List.of(1L, 2L), List.of(2L, 1L), 400, 200));
    }
}
