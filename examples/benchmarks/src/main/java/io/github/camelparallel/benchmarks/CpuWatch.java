package io.github.camelparallel.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where the CPU went while a row was measured, because the machine is shared and because "no speed-up" needs a
 * reason: the cores this JVM and its member JVMs kept busy on average ({@link #ours()}), and the cores every other
 * process kept busy ({@link #others()}: the machine's busy time from {@code /proc/stat} minus ours). On 2 cores, ours
 * near 2 means the batch was CPU-bound; well below 2 with others near 0 means the cores idled (waiting on latency).
 * Linux only (elsewhere NaN); {@code /proc/stat} counts USER_HZ ticks (100 a second), so a window shorter than
 * {@value #MIN_WINDOW_MILLIS} ms gives NaN rather than a figure dominated by one tick. One watch per measurement, on
 * one thread.
 */
final class CpuWatch {

    static final long MIN_WINDOW_MILLIS = 250;
    private static final double NANOS_PER_TICK = 1e9 / 100;

    private final LongSupplier childrenCpuNanos;
    private final long wall0;
    private final double busy0;
    private final long ours0;
    private long wall;
    private double busy;
    private long ours;

    private CpuWatch(LongSupplier childrenCpuNanos) {
        this.childrenCpuNanos = childrenCpuNanos;
        this.busy0 = machineBusyNanos();
        this.ours0 = oursNanos();
        this.wall0 = System.nanoTime();
    }

    /** Starts watching; {@code childrenCpuNanos} is the CPU time of the JVMs this one started (members), or 0. */
    static CpuWatch start(LongSupplier childrenCpuNanos) {
        return new CpuWatch(childrenCpuNanos);
    }

    /** Ends the window. */
    CpuWatch stop() {
        wall = System.nanoTime() - wall0;
        busy = machineBusyNanos() - busy0;
        ours = oursNanos() - ours0;
        return this;
    }

    /** Cores kept busy on average by this JVM and its members; NaN when the window was too short. */
    double ours() {
        return wall < MIN_WINDOW_MILLIS * 1_000_000 ? Double.NaN : ours / (double) wall;
    }

    /** Cores kept busy on average by every other process, never below 0; NaN when unknown. */
    double others() {
        if (wall < MIN_WINDOW_MILLIS * 1_000_000 || Double.isNaN(busy)) {
            return Double.NaN;
        }
        return Math.max(0, (busy - ours) / wall);
    }

    private long oursNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long self = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
        return self + childrenCpuNanos.getAsLong();
    }

    /** user + nice + system + irq + softirq + steal of the {@code cpu} line, in nanoseconds. */
    private static double machineBusyNanos() {
        try {
            List<String> lines = Files.readAllLines(Paths.get("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            if (!f[0].equals("cpu")) {
                return Double.NaN;
            }
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(f[i]);
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
