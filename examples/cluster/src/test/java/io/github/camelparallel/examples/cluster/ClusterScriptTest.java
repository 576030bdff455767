package io.github.camelparallel.examples.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's command at a small size: run-cluster.sh starts two member JVMs, the application runs a batch on them as
 * a client, one member is killed with kill -9 mid-batch, and every result arrives once, in order; afterwards no JVM of
 * the run is left. And a script killed with -9 itself leaves no member behind either. No timing is asserted; the
 * bounds only keep a broken run from hanging the build.
 */
class ClusterScriptTest {

    @TempDir
    Path tmp;

    @Test
    void aMemberKilledMidBatchLosesNothing() throws Exception {
        try (ScriptRun run = new ScriptRun(tmp, Map.of("CLUSTER_ITEMS", "240"))) {
            int exitCode = run.waitFor(150);
            String output = run.output();

            assertEquals(0, exitCode, output);
            assertTrue(output.matches("(?s).*>>> killed member 2 \\(pid \\d+\\) with kill -9 while the batch ran:"
                    + " progress: \\d+/240 items done.*"), output);
            assertTrue(output.contains("INFO cluster - cluster: 240 of 240 results, each once and in input order"),
                    output);
            assertTrue(output.contains("2 members at the start, 1 at the end"), output);
            assertTrue(output.contains(">>> OK: member 2 was killed mid-batch and nothing was lost"), output);

            List<Long> pids = run.jvmPids();
            assertEquals(3, pids.size(), "two members and the application: " + pids);
            for (long pid : pids) {
                Optional<ProcessHandle> left = ProcessHandle.of(pid);
                assertFalse(left.isPresent() && left.get().isAlive(), "JVM " + pid + " outlived run-cluster.sh");
            }
        }
    }

    @Test
    void membersHaltWhenTheScriptIsKilled() throws Exception {
        try (ScriptRun run = new ScriptRun(tmp, Map.of("CLUSTER_ITEMS", "240"))) {
            assertTrue(run.awaitLine(line -> line.startsWith(">>> member 2 ready"), 120), run.output());
            List<Long> members = run.memberPids();
            assertEquals(2, members.size(), run.output());

            run.killScriptOnly(); // kill -9: no trap runs

            for (long pid : members) {
                Optional<ProcessHandle> member = ProcessHandle.of(pid);
                if (member.isPresent()) {
                    // the member's stdin ends within about a second of the script's death; it then halts
                    member.get().onExit().get(30, TimeUnit.SECONDS);
                }
            }
        }
    }
}
