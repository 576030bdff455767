package io.github.camelparallel.streaming;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounded memory, end to end: 10,000,000 items streamed through {@code parallel:} in a child JVM with a 64 MiB heap
 * complete with the right sum. Without streaming the same batch needs its items and results in memory (hundreds of
 * MiB of boxed objects) and cannot finish in that heap, which the second test shows so the first cannot pass by
 * accident.
 */
class StreamingMemoryTest {

    @TempDir
    Path dir;

    private String run(long items, String mainClass, String gc) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path out = dir.resolve("out-" + items + ".txt");
        Process child = new ProcessBuilder(java, "-Xmx64m", gc, "-cp",
                System.getProperty("java.class.path"), mainClass, Long.toString(items))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            assertTrue(child.waitFor(4, TimeUnit.MINUTES), "the child JVM did not finish in 4 minutes");
        } finally {
            child.destroyForcibly();
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static long expectedSum(long items) {
        long sum = 0;
        for (long i = 0; i < items; i++) {
            long n = i % 1000;
            sum += n * n * n;
        }
        return sum;
    }

    @Test
    void tenMillionItemsStreamThroughA64MiBHeap() throws Exception {
        long items = 10_000_000;
        String output = run(items, StreamingMemoryMain.class.getName(), "-XX:+UseSerialGC");
        List<String> sums = output.lines().filter(l -> l.startsWith("SUM ")).toList();
        assertEquals(List.of("SUM " + items + " " + expectedSum(items)), sums, output);
    }

    @Test
    void theSameBatchAsAListDoesNotFitThatHeap() throws Exception {
        // the parallel collector's GC overhead limit ends the hopeless run quickly instead of after minutes of GC
        String output = run(10_000_000, ListMemoryMain.class.getName(), "-XX:+UseParallelGC");
        assertTrue(output.contains("OutOfMemoryError"), output);
    }
}
