package io.github.camelparallel.dispatch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Auto chunking: grows at most doubling towards the target band, shrinks when chunks run long, small tail chunks. */
class AutoChunkerTest {

    private static final long MS = 1_000_000L;

    @Test
    void tinyTasksGrowAtMostDoublingUntilTheBand() {
        AutoChunker chunker = new AutoChunker(2, 5 * MS, 50 * MS);
        int previous = 1;
        for (int step = 0; step < 40; step++) {
            int size = chunker.nextSize(10_000_000);
            assertTrue(size <= 2 * previous, "step " + step + ": " + size + " after " + previous);
            chunker.record(size, size * 100L); // 100 ns per item
            previous = size;
        }
        long chunkNanos = chunker.currentSize() * 100L;
        assertTrue(chunkNanos >= 5 * MS && chunkNanos <= 50 * MS, "settled at " + chunker.currentSize());
    }

    @Test
    void aKnownItemTimeStartsInTheBandAndStillCutsAFairTail() {
        AutoChunker chunker = new AutoChunker(2, 5 * MS, 50 * MS).startingFrom(100); // 100 ns per item, measured before
        int first = chunker.nextSize(10_000_000);
        assertEquals(100_000, first, "2 x the band's minimum from the first chunk on, no ramp from one item");
        assertEquals(400_000 / 8, chunker.nextSize(400_000), "never more than a fair share of what is left");
        assertEquals(1, new AutoChunker(2, 5 * MS, 50 * MS).startingFrom(-1).nextSize(10_000_000),
                "nothing known: one item");
        assertEquals(1, new AutoChunker(2, 5 * MS, 50 * MS).startingFrom(200 * MS).nextSize(1000), "slow items: one");
    }

    @Test
    void sleepingItemsOnAWidePoolRunOneItemPerChunkColdAndOnAWarmEndpoint() {
        // 10,000 items that each wait about 10 ms on 1,000 virtual threads (the I/O-bound benchmark): one item per
        // chunk spreads them over every thread; a warm endpoint's known time per item must not make chunks longer
        for (double known : new double[] { -1, 10 * MS, 11.5 * MS, 44 * MS }) {
            AutoChunker chunker = new AutoChunker(1000, 5 * MS, 50 * MS).startingFrom(known);
            int chunks = 0;
            for (int remaining = 10_000; remaining > 0; chunks++) {
                int size = chunker.nextSize(remaining);
                assertEquals(1, size, "known " + known + " ns per item, " + remaining + " left");
                chunker.record(size, size * (10 * MS + 1_500_000L * (chunks % 3)));
                remaining -= size;
            }
            assertEquals(10_000, chunks);
        }
    }

    @Test
    void slowTasksStayAtOneItemPerChunk() {
        AutoChunker chunker = new AutoChunker(2, 5 * MS, 50 * MS);
        for (int i = 0; i < 10; i++) {
            chunker.record(chunker.nextSize(1000), 200 * MS);
        }
        assertEquals(1, chunker.nextSize(1000));
    }

    @Test
    void longChunksShrink() {
        AutoChunker chunker = new AutoChunker(2, 5 * MS, 50 * MS);
        for (int i = 0; i < 20; i++) {
            int size = chunker.nextSize(10_000_000);
            chunker.record(size, size * 1000L); // 1 us per item: band reached at ~10,000
        }
        int grown = chunker.currentSize();
        for (int i = 0; i < 30; i++) { // the tasks become 100x slower
            int size = chunker.nextSize(10_000_000);
            chunker.record(size, size * 100_000L);
        }
        assertTrue(chunker.currentSize() < grown / 10, grown + " -> " + chunker.currentSize());
        assertTrue(chunker.currentSize() * 100_000L <= 50 * MS, "back inside the band: " + chunker.currentSize());
    }

    @Test
    void tailChunksAreSmallSoEveryWorkerGetsSome() {
        AutoChunker chunker = new AutoChunker(4, 5 * MS, 50 * MS);
        for (int i = 0; i < 30; i++) {
            int size = chunker.nextSize(10_000_000);
            chunker.record(size, size * 100_000L); // 100 us per item: the band holds 50 to 500 items
        }
        assertTrue(chunker.currentSize() >= 50, "grown to " + chunker.currentSize());
        assertEquals(100 / 16, chunker.nextSize(100), "a quarter of a worker's fair share of what is left");
        assertEquals(1, chunker.nextSize(3));
    }

    @Test
    void theTailOfTinyItemsIsNotCutFinerThanAHundredthOfTheBand() {
        AutoChunker chunker = new AutoChunker(2, 5 * MS, 50 * MS);
        for (int i = 0; i < 40; i++) {
            int size = chunker.nextSize(100_000_000);
            chunker.record(size, size * 10L); // 10 ns per item: 50 us is 5,000 items
        }
        assertTrue(chunker.currentSize() > 5_000, "grown to " + chunker.currentSize());
        assertEquals(5_000, chunker.nextSize(20_000), "the fair share (2,500) would run 25 us");
        assertEquals(5_000, chunker.nextSize(8_000));
        assertEquals(3_000, chunker.nextSize(3_000), "what is left, when less");
        assertEquals(100_000 / 8, chunker.nextSize(100_000), "the fair share when it is larger");
    }

    @Test
    void fixedChunkerNeverExceedsWhatIsLeft() {
        Chunker fixed = Chunker.fixed(100);
        assertEquals(100, fixed.nextSize(1000));
        assertEquals(7, fixed.nextSize(7));
    }
}
