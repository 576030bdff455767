package io.github.camelparallel.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.camelparallel.cache.TaskResultCache.CachedTask;

/**
 * A second JVM writing the same store as another one: stores the results of items {@code from..to-1}, from four
 * threads, {@code rounds} times over (so the same keys are rewritten while the other JVM reads and writes them).
 * Usage: {@code CacheWriterMain <cacheDir> <from> <to> <rounds>}.
 */
public final class CacheWriterMain {

    static final CachedTask TASK = new CachedTask("writers-test", "v1", null, null);

    private CacheWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        TaskResultCache cache = new TaskResultCache("writer", TASK, new DiskResultCache(dir, 1L << 30, "writer"), false);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                TaskResultCache.Batch batch = cache.forBatch();
                for (int round = 0; round < rounds; round++) {
                    for (int n = from + offset; n < to; n += 4) {
                        batch.lookup(n, n);
                        batch.store(n, n, valueOf(n));
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("damaged=" + cache.damagedEntries());
    }

    static String valueOf(int n) {
        return ("value of " + n + " ").repeat(20);
    }
}
