package io.github.camelparallel.hazelcast;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NetworkLab} leaves nothing behind, even when a test fails half-way: namespaces, veth links, the bridge, the
 * cgroups, the configuration files, and this JVM is back in its own cgroup. Skipped where namespaces cannot be made.
 */
class NetworkLabTest {

    @Test
    void closeRemovesEverythingAfterAMemberFailedToStart() throws Exception {
        String home = cpuLine(Files.readString(Path.of("/proc/self/cgroup")));
        NetworkLab lab = NetworkLab.open(2, LabTiming.SHORT);
        try {
            lab.favourThisJvm();
            IllegalStateException failed = assertThrows(IllegalStateException.class,
                    () -> lab.startMember(0, 1, List.of("-XX:+NoSuchFlagInAnyJvm")));
            assertTrue(failed.getMessage().contains("did not start"), failed::getMessage);
            List<String> made = lab.leftovers();
            assertTrue(made.stream().filter(l -> !l.startsWith("/")).count() >= 5,
                    () -> "2 namespaces, the bridge and 2 veth ends listed while open: " + made);
            assertTrue(made.stream().anyMatch(l -> l.contains("/sys/fs/cgroup")), () -> "a cgroup listed: " + made);
            assertFalse(cpuLine(Files.readString(Path.of("/proc/self/cgroup"))).equals(home), "this JVM moved");
        } finally {
            lab.close();
        }
        assertEquals(List.of(), lab.leftovers());
        assertEquals(home, cpuLine(Files.readString(Path.of("/proc/self/cgroup"))), "this JVM back home");
    }

    private static String cpuLine(String cgroups) {
        return cgroups.lines().filter(l -> l.startsWith("0::") || l.matches("\\d+:([^:]*,)?cpu(,[^:]*)?:.*"))
                .findFirst().orElse("");
    }
}
