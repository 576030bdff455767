package io.github.camelparallel.process;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A parent JVM killed with -9 leaves no worker behind: workers exit on EOF of their stdin. */
class OrphanTest {

    @Test
    void workersExitWhenTheirParentIsKilledMinusNine() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PoolHostMain.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("PIDS "));
            assertNotNull(line, "the host printed its worker pids");
            List<Long> pids = Arrays.stream(line.substring(5).split(",")).map(Long::parseLong).toList();
            assertEquals(2, pids.size());
            pids.forEach(pid -> assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));

            parent.destroyForcibly(); // kill -9
            assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
            long deadline = System.currentTimeMillis() + 5_000;
            for (long pid : pids) {
                while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "worker " + pid + " is an orphan");
            }
        } finally {
            parent.destroyForcibly();
        }
    }
}
