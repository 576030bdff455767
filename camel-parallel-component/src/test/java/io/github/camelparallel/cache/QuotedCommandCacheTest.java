package io.github.camelparallel.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A worker {@code command} is split for the cache's task version exactly as for the workers (quotes honoured), so a
 * quoted script path with a blank in it hashes that script: editing the script makes the cached results stale.
 */
class QuotedCommandCacheTest {

    @TempDir
    Path dir;

    @Test
    void editingAQuotedScriptPathWithABlankInvalidatesTheCache() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not on the PATH of this machine");
        Path folder = Files.createDirectories(dir.resolve("my scripts"));
        Files.copy(io.github.camelparallel.testing.PythonModule.DIR.resolve("camel_parallel_worker.py"),
                folder.resolve("camel_parallel_worker.py"));
        Path script = Files.copy(Path.of("../examples/python-worker/cube_worker.py"), folder.resolve("cube_worker.py"));
        String uri = "parallel:quoted?backend=process&poolSize=1&cache=true&cacheDir=" + dir.resolve("cache")
                + "&command=RAW(python3 \"" + script.toAbsolutePath() + "\")";

        assertEquals(List.of(0, 3), hitsAndMisses(uri), "first run: every item computed");
        assertEquals(List.of(3, 0), hitsAndMisses(uri), "same script: every item from the cache");
        Files.writeString(script, "\n# edited: the task's code changed\n", StandardOpenOption.APPEND);
        assertEquals(List.of(0, 3), hitsAndMisses(uri), "edited script: the cached results are stale");
    }

    private static List<Integer> hitsAndMisses(String uri) throws Exception {
        CamelContext context = TestContexts.started(Map.of(), TestContexts.route("direct:in", uri));
        try {
            Exchange out = TestContexts.send(context, "direct:in", List.of(1, 2, 3));
            assertNull(out.getException());
            assertEquals(List.of(1, 8, 27), ((List<?>) out.getMessage().getBody()).stream()
                    .map(n -> ((Number) n).intValue()).toList());
            return List.of(out.getMessage().getHeader(ParallelConstants.CACHE_HITS, Integer.class),
                    out.getMessage().getHeader(ParallelConstants.CACHE_MISSES, Integer.class));
        } finally {
            context.stop();
        }
    }

    private static boolean onPath(String program) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(program, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
