package io.github.camelparallel.benchmarks;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The work every peer runs, and the inputs it runs on: the same functions and the same boxed lists for everybody,
 * so the figures differ only by how the items are dispatched. Stateless and thread-safe.
 */
public final class Workloads {

    private Workloads() {
    }

    /** The tiny task: a few nanoseconds of work, so what is measured is the cost of dispatching an item. */
    public static Long cube(Integer x) {
        long v = x;
        return v * v * v;
    }

    /** {@link #cube} as the {@code Function} bean the Camel variants are given. */
    public static Function<Integer, Long> cubeFunction() {
        return Workloads::cube;
    }

    /**
     * The CPU-bound task: {@code rounds} chained SHA-256 digests seeded by the item, real computation that no JIT can
     * skip (each round hashes the previous digest). Returns the first 8 bytes of the last digest.
     */
    public static Long sha256Rounds(Integer item, int rounds) {
        MessageDigest digest = sha256();
        byte[] buffer = ByteBuffer.allocate(32).putInt(item).putInt(rounds).array();
        try {
            for (int i = 0; i < rounds; i++) {
                digest.update(buffer);
                digest.digest(buffer, 0, 32);
            }
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        return ByteBuffer.wrap(buffer).getLong();
    }

    /** {@link #sha256Rounds} with a fixed number of rounds, as the {@code Function} bean the Camel variants get. */
    public static Function<Integer, Long> sha256Function(int rounds) {
        return item -> sha256Rounds(item, rounds);
    }

    /**
     * The I/O-bound task: waits {@code millis} ms (a blocking call's stand-in, no CPU) and returns the item. An
     * interrupt ends the wait and fails the item, with the flag restored.
     */
    public static Long waitFor(Integer item, int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for item " + item, e);
        }
        return item.longValue();
    }

    /** {@link #waitFor} as a {@code Function}. */
    public static Function<Integer, Long> waitFunction(int millis) {
        return item -> waitFor(item, millis);
    }

    /** The batch: the boxed integers 1..n in a fresh {@code ArrayList}, as a route would typically receive them. */
    public static List<Integer> items(int n) {
        List<Integer> items = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            items.add(i);
        }
        return items;
    }

    /**
     * How many SHA-256 rounds take about {@code targetMillis} on this machine, on one thread: warms the digest up
     * for ~1 s, then times 15 short runs and takes the fastest (the least disturbed by other processes).
     */
    public static int calibrateSha256Rounds(double targetMillis) {
        int probe = 20_000; // about 1 ms; warm-up and measurement use the same call, so the same compiled code
        long warmUpEnd = System.nanoTime() + 1_000_000_000L;
        long sink = 0;
        while (System.nanoTime() < warmUpEnd) {
            sink += sha256Rounds((int) sink, probe);
        }
        double bestNanosPerRound = Double.MAX_VALUE;
        for (int run = 0; run < 15; run++) {
            long start = System.nanoTime();
            sink += sha256Rounds(run, probe);
            bestNanosPerRound = Math.min(bestNanosPerRound, (System.nanoTime() - start) / (double) probe);
        }
        if (sink == 42) { // keeps the warm-up from being optimised away
            System.out.print("");
        }
        return (int) Math.max(1, Math.round(targetMillis * 1_000_000.0 / bestNanosPerRound));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory on every Java platform", e);
        }
    }
}
