package io.github.camelparallel.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.camelparallel.dispatch.ItemCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two JVMs writing one on-disk store at once, over overlapping keys, leave every entry whole and readable. */
class ConcurrentWritersTest {

    @TempDir
    Path dir;

    @Test
    void twoJvmsWritingTheSameStoreLeaveItConsistent() throws Exception {
        List<Process> writers = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        int[][] ranges = { { 0, 700 }, { 300, 1000 } };
        for (int[] range : ranges) {
            Path log = dir.resolve("writer-" + range[0] + ".log");
            logs.add(log);
            writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), CacheWriterMain.class.getName(), dir.resolve("store").toString(),
                    Integer.toString(range[0]), Integer.toString(range[1]), "2")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        try {
            for (int i = 0; i < writers.size(); i++) {
                assertTrue(writers.get(i).waitFor(3, TimeUnit.MINUTES), "writer " + i + " did not finish");
                assertEquals(0, writers.get(i).exitValue(), Files.readString(logs.get(i)));
                assertTrue(Files.readString(logs.get(i)).contains("damaged=0"),
                        "a writer read a damaged entry: " + Files.readString(logs.get(i)));
            }
        } finally {
            writers.forEach(Process::destroyForcibly);
        }
        TaskResultCache cache = new TaskResultCache("check", CacheWriterMain.TASK,
                new DiskResultCache(dir.resolve("store"), 1L << 30, "check"), false);
        TaskResultCache.Batch batch = cache.forBatch();
        for (int n = 0; n < 1000; n++) {
            ItemCache.Lookup found = batch.lookup(n, n);
            assertTrue(found.hit(), "item " + n + " is missing");
            assertEquals(CacheWriterMain.valueOf(n), found.result(), "item " + n);
        }
        assertEquals(0, cache.damagedEntries());
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertEquals(1000, all.size(), "one file per key, no temporary file left behind");
        }
    }
}
