package io.github.camelparallel.backend.remote;

import io.github.camelparallel.dispatch.AutoChunker;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measured per-chunk cost sets the shortest automatic chunk: with it the cost stays under a tenth of a chunk's
 * time whatever the round trip; with a fixed band it does not once the round trip is a fair part of the band. The
 * automatic chunker is driven by a simulated remote backend: a chunk of {@code s} items of {@code t} each comes back
 * after {@code s * t + cost}.
 */
class RoundTripsTest {

    private static final long DEFAULT_MIN = 20_000_000L;
    private static final long FLOOR = 1_000_000L;
    private static final long MAX = 200_000_000L;

    /** Runs the chunker until it settles; the per-chunk cost's share of the last chunk's time. */
    private static double settledCostShare(RoundTrips trips, int parallelism, long itemNanos, long costNanos,
            boolean learnEachBatch) {
        AutoChunker chunker = new AutoChunker(parallelism, trips.minChunkNanos(parallelism), MAX);
        int size = 1;
        for (int batch = 0; batch < 3; batch++) {
            for (int i = 0; i < 200; i++) {
                size = chunker.nextSize(10_000_000);
                long run = size * itemNanos;
                trips.record(run + costNanos, run);
                chunker.record(size, run + costNanos); // what the dispatcher sees: the round trip
            }
            if (learnEachBatch) { // the next batch reads the band anew
                chunker = new AutoChunker(parallelism, trips.minChunkNanos(parallelism), MAX);
            }
        }
        return (double) costNanos / (size * itemNanos);
    }

    @Test
    void aFixedBandLetsASlowRoundTripTakeAThirdOfEachChunk() {
        // the band without the round trip as input: 5 ms per chunk against chunks of 20 ms
        RoundTrips fixed = new RoundTrips(DEFAULT_MIN, FLOOR, MAX);
        double share = new FixedBand().share(6, 50_000, 5_000_000);
        assertTrue(share > 0.10, "fixed band: cost share " + share);
        assertEquals(DEFAULT_MIN, fixed.minChunkNanos(6), "nothing measured yet: the default band");
    }

    @Test
    void theMeasuredRoundTripKeepsItsShareUnderATenth() {
        for (long cost : new long[] {150_000, 1_000_000, 5_000_000}) {
            for (long item : new long[] {1_000, 50_000, 2_000_000}) {
                double share = settledCostShare(new RoundTrips(DEFAULT_MIN, FLOOR, MAX), 6, item, cost, true);
                assertTrue(share < 0.10, "cost " + cost + " ns, item " + item + " ns: share " + share);
            }
        }
    }

    @Test
    void theLowestRecentSampleCountsSoQueueingIsNotTakenForCost() {
        RoundTrips trips = new RoundTrips(DEFAULT_MIN, FLOOR, MAX);
        trips.record(9_000_000, 1_000_000); // waited 7.8 ms in a member's queue
        trips.record(1_200_000, 1_000_000);
        trips.record(5_000_000, 1_000_000);
        assertEquals(200_000, trips.costNanos());
        assertEquals(4_000_000, trips.minChunkNanos(2), "20 x 200 us");
        assertEquals(2L * 30 * 200_000, trips.minChunkNanos(30), "a wide cluster: 2 x parallelism x 200 us");
        for (int i = 0; i < RoundTrips.SAMPLES; i++) {
            trips.record(3_000_000, 1_000_000);
        }
        assertEquals(2_000_000, trips.costNanos(), "old samples age out");
    }

    @Test
    void theBandStaysBetweenItsFloorAndItsMaximum() {
        RoundTrips fast = new RoundTrips(DEFAULT_MIN, FLOOR, MAX);
        fast.record(10_000, 0);
        assertEquals(FLOOR, fast.minChunkNanos(2));
        RoundTrips slow = new RoundTrips(DEFAULT_MIN, FLOOR, MAX);
        slow.record(50_000_000, 0);
        assertEquals(MAX, slow.minChunkNanos(2));
    }

    /** The automatic chunker on the fixed default band, fed round trips that include the cost. */
    private static final class FixedBand {
        double share(int parallelism, long itemNanos, long costNanos) {
            AutoChunker chunker = new AutoChunker(parallelism, DEFAULT_MIN, MAX);
            int size = 1;
            for (int i = 0; i < 600; i++) {
                size = chunker.nextSize(10_000_000);
                chunker.record(size, size * itemNanos + costNanos);
            }
            return (double) costNanos / (size * itemNanos);
        }
    }
}
