package io.github.camelparallel.examples.cube;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every run of the example at {@link CubeExampleRun#SMALL} sizes must show, whichever DSL ran it. */
final class CubeExampleAssertions {

    /** 1³ + ... + 1000³ = (1000·1001/2)² = 500500². */
    static final BigInteger SUM_OF_CUBES_TO_1000 = new BigInteger("250500250000");

    private static final Pattern SPEED_UP_LINE = Pattern.compile(
            "INFO cube - speed-up: (\\d+\\.\\d\\d)x with (\\d+) threads over 1 \\(same results\\)");

    private CubeExampleAssertions() {
    }

    static void assertSmallRun(CubeExampleRun run, String routeId) {
        assertEquals(0, run.exitCode(), "the application ends by itself with exit code 0");
        assertEquals(List.of(routeId), run.routeIds(), "example.dsl picks exactly one of the two routes");

        assertEquals(1000, run.report().getCubeCount());
        assertEquals(SUM_OF_CUBES_TO_1000, run.report().getCubeSum());
        assertTrue(run.log().contains("INFO cube - cube: the cubes of 1..1000 add up to 250500250000 = (n(n+1)/2)^2"),
                "the sum is logged:\n" + run.log());
        assertTrue(run.log().contains("INFO cube - heavy: 16 items x 500 rounds of SHA-256 with the default poolSize ("
                + Runtime.getRuntime().availableProcessors() + " threads)"), "the pooled heavy run is logged");
        assertTrue(run.log().contains("INFO cube - heavy: 16 items x 500 rounds of SHA-256 with poolSize=1"),
                "the one-thread heavy run is logged");

        Matcher speedUp = SPEED_UP_LINE.matcher(run.log());
        assertTrue(speedUp.find(), "the speed-up line is logged:\n" + run.log());
        assertEquals(Runtime.getRuntime().availableProcessors(), Integer.parseInt(speedUp.group(2)));
        // the ratio itself depends on the machine and its load; only its consistency is checked, never a timing
        double logged = Double.parseDouble(speedUp.group(1));
        CubeReport report = run.report();
        assertTrue(report.getHeavyParallelMillis() >= 0 && report.getHeavySerialMillis() >= 0);
        double expected = (double) Math.max(report.getHeavySerialMillis(), 1) / Math.max(report.getHeavyParallelMillis(), 1);
        assertEquals(expected, report.getSpeedUp(), 1e-9);
        assertEquals(expected, logged, 0.005 + 1e-9);
    }
}
