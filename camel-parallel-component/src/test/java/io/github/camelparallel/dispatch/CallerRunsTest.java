package io.github.camelparallel.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint's time per item: the median of the last three chunks, recorded by whichever thread ends a chunk without
 * ever waiting for another (a 1,000-wide virtual pool ends chunks by the thousand).
 */
class CallerRunsTest {

    @Test
    void theEstimateIsTheMedianOfTheLastThreeChunks() {
        CallerRuns runs = new CallerRuns();
        runs.record(10, 1_000);
        runs.record(10, 1_000);
        assertTrue(runs.itemNanos() < 0, "nothing estimated before three chunks");
        runs.record(10, 900_000); // one preempted chunk
        assertEquals(100.0, runs.itemNanos());
        runs.record(10, 800_000);
        assertEquals(80_000.0, runs.itemNanos(), "two slow ones: the task became slower");
    }

    @Test
    void recordingNeverWaitsForAnotherThread() throws Exception {
        CallerRuns runs = new CallerRuns();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (runs) { // what a thread recording under the object's monitor used to hold
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        holder.start();
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 3; i++) {
                    runs.record(4, 400);
                }
            });
            assertEquals(100.0, runs.itemNanos());
        } finally {
            release.countDown();
            holder.join(30_000);
        }
    }

    @Test
    void concurrentRecordersLeaveAConsistentEstimate() throws Exception {
        CallerRuns runs = new CallerRuns();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    runs.record(5, 5 * 70);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertEquals(70.0, runs.itemNanos());
    }
}
