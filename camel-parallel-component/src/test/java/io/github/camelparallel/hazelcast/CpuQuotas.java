package io.github.camelparallel.hazelcast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * The cgroups of a {@link NetworkLab} (cgroup v2 {@code cpu.max}/{@code cpu.weight}, or v1
 * {@code cpu.cfs_quota_us}/{@code cpu.shares}): one per quota-confined member, capped at its CPUs, and one for this
 * JVM, uncapped. Both get a high weight, so on a shared machine the members receive their whole quota and the
 * submitter is not starved by other work: N members then model N small machines rather than N slices of whatever
 * the machine has left. {@link #remove()} moves this JVM back where it was, then removes every cgroup (the members
 * must be dead by then). Names carry the lab's tag. Not thread-safe: one test thread drives it.
 */
final class CpuQuotas {

    private static final long PERIOD_MICROS = 100_000;
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final boolean V2 = Files.exists(ROOT.resolve("cgroup.controllers"));

    private final String prefix;
    private final List<Path> made = new ArrayList<>();
    private Path home; // this JVM's cgroup before favourThisJvm

    CpuQuotas(String tag) {
        this.prefix = "cpl" + tag + "-";
    }

    /** Moves the process and its descendants into a new cgroup {@code name} capped at {@code cpus} CPUs. */
    Path confine(String name, Process process, double cpus) throws IOException {
        Path dir = make(name);
        long quota = Math.round(cpus * PERIOD_MICROS);
        if (V2) {
            Files.writeString(dir.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
        } else {
            Files.writeString(dir.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
            Files.writeString(dir.resolve("cpu.cfs_quota_us"), Long.toString(quota));
        }
        List<ProcessHandle> all = new ArrayList<>(List.of(process.toHandle()));
        process.descendants().forEach(all::add);
        for (ProcessHandle p : all) {
            Files.writeString(dir.resolve("cgroup.procs"), Long.toString(p.pid()));
        }
        return dir;
    }

    /** Moves this JVM (every thread) into an uncapped cgroup of high weight, until {@link #remove()}. */
    void favourThisJvm() throws IOException {
        if (home != null) {
            return;
        }
        String line = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                .filter(l -> V2 ? l.startsWith("0::") : l.matches("\\d+:([^:]*,)?cpu(,[^:]*)?:.*")).findFirst()
                .orElseThrow();
        home = (V2 ? ROOT : ROOT.resolve("cpu")).resolve(line.substring(line.lastIndexOf(':') + 2));
        Path dir = make("client");
        Files.writeString(dir.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
    }

    /** The cgroup's {@code cpu.stat} on one line (periods, and how many were throttled). */
    static String cpuStat(Path cgroup) throws IOException {
        return Files.readString(cgroup.resolve("cpu.stat")).trim().replace('\n', ' ');
    }

    private Path make(String name) throws IOException {
        Path dir = (V2 ? ROOT : ROOT.resolve("cpu")).resolve(prefix + name);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            skip("cannot create the cgroup " + dir + ": " + e);
        }
        made.add(dir);
        if (!Files.exists(dir.resolve(V2 ? "cpu.max" : "cpu.cfs_quota_us"))) {
            skip("no cpu controller in the cgroup " + dir);
        }
        Files.writeString(dir.resolve(V2 ? "cpu.weight" : "cpu.shares"), V2 ? "10000" : "262144"); // the maximum
        return dir;
    }

    private static void skip(String why) {
        System.out.println("NetworkLab: skipped: " + why);
        Assumptions.abort(why);
    }

    /** Moves this JVM home, then removes every cgroup made (they are empty once their members are dead). */
    void remove() {
        if (home != null) {
            try {
                Files.writeString(home.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
            } catch (IOException e) {
                System.out.println("NetworkLab: cannot move this JVM back to " + home + ": " + e);
            }
        }
        for (Path cgroup : made) {
            try {
                Files.deleteIfExists(cgroup);
            } catch (IOException e) {
                System.out.println("NetworkLab: cannot remove " + cgroup + ": " + e);
            }
        }
    }

    /** The cgroups made that still exist. */
    List<String> leftovers() {
        return made.stream().filter(Files::exists).map(Path::toString).toList();
    }
}
