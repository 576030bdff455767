package io.github.camelparallel.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The contract's tasks: public classes with no-arg constructors, so every backend can run them, a worker JVM as
 * well as a pool thread. What a task remembers across runs (how often it ran, which attempt this is) lives in files
 * of a scratch directory shared with the test, since a worker process shares no memory with it. The directory is
 * named by the environment variable {@value #SCRATCH_ENV} (worker processes get it through {@code workerEnv}) or
 * the system property {@value #SCRATCH_PROPERTY} (set by the suite, for backends running in the test's JVM).
 */
public final class ContractTasks {

    public static final String SCRATCH_ENV = "CONTRACT_SCRATCH";
    public static final String SCRATCH_PROPERTY = "contract.scratch";

    private ContractTasks() {
    }

    /** n → n³ as a Long, recording "run" each time it runs (what a result cache must save). */
    public static class CountedCube implements Function<Integer, Long> {
        @Override
        public Long apply(Integer n) {
            record("run");
            return (long) n * n * n;
        }
    }

    /** n → n³, after a random short sleep for one item in twenty. */
    public static class RandomCube implements Function<Integer, Long> {
        @Override
        public Long apply(Integer n) {
            if (ThreadLocalRandom.current().nextInt(20) == 0) {
                sleep(ThreadLocalRandom.current().nextInt(3));
            }
            return (long) n * n * n;
        }
    }

    /** Item 0 takes 500 ms, the others return at once. */
    public static class SlowZero implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            if (n == 0) {
                sleep(500);
            }
            return n;
        }
    }

    /** Records every run; item 5 throws, every other item takes 5 ms. */
    public static class FailsAtFive implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            record("run");
            if (n == 5) {
                throw new IllegalStateException("boom at " + n);
            }
            sleep(5);
            return n;
        }
    }

    /** Items ending in 3 throw {@code IllegalArgumentException("bad n")}, others return 2n. */
    public static class FailsOnThrees implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            if (n % 10 == 3) {
                throw new IllegalArgumentException("bad " + n);
            }
            return n * 2;
        }
    }

    /** Odd items throw. */
    public static class FailsOnOdd implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            if (n % 2 == 1) {
                throw new IllegalArgumentException("odd " + n);
            }
            return n;
        }
    }

    /** Multiples of 4 throw on their first two attempts. */
    public static class FlakyFours implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            int attempt = nextAttempt("item-" + n);
            if (n % 4 == 0 && attempt < 3) {
                throw new IllegalStateException("flaky " + n + " attempt " + attempt);
            }
            return n;
        }
    }

    /** Item 1 always throws, counting its attempts. */
    public static class AlwaysFailsOne implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            if (n == 1) {
                nextAttempt("item-1");
                throw new IllegalStateException("always");
            }
            return n;
        }
    }

    /** Item 3 hangs for 20 s. */
    public static class HangsOnThree implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            if (n == 3) {
                sleep(20_000);
            }
            return n;
        }
    }

    /** Item 0 hangs on its first attempt only; every item returns n + 100. */
    public static class HangsOnceOnZero implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            if (n == 0 && nextAttempt("item-0") == 1) {
                sleep(20_000);
            }
            return n + 100;
        }
    }

    /** Items from 4 on hang for 20 s. */
    public static class HangsFromFour implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            if (n >= 4) {
                sleep(20_000);
            }
            return n;
        }
    }

    /** Item 1 hangs for 20 s. */
    public static class HangsOnOne implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            sleep(n == 1 ? 20_000 : 0);
            return n;
        }
    }

    /** Records "start"; items from 3 on take 3 s; records "end": a task stopped early leaves a start without an end. */
    public static class SlowRecorded implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            record("start");
            sleep(n >= 3 ? 3000 : 0);
            record("end");
            return n;
        }
    }

    /** A line of text holding a number → the number's cube. */
    public static class ParseCube implements Function<String, Long> {
        @Override
        public Long apply(String line) {
            long n = Long.parseLong(line.trim());
            return n * n * n;
        }
    }

    /** The scratch directory of the running test. */
    public static Path scratch() {
        String dir = System.getenv(SCRATCH_ENV);
        if (dir == null) {
            dir = System.getProperty(SCRATCH_PROPERTY);
        }
        if (dir == null) {
            throw new IllegalStateException("no scratch directory: set " + SCRATCH_ENV + " or -D" + SCRATCH_PROPERTY);
        }
        return Path.of(dir);
    }

    /** Leaves one marker file {@code prefix-<unique>}: counted by {@link #count}. */
    public static void record(String prefix) {
        try {
            Files.createFile(scratch().resolve(prefix + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1 on the first call for this key, 2 on the second, ... across threads and processes (atomic file creation). */
    static int nextAttempt(String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createFile(scratch().resolve(key + ".attempt-" + attempt));
                return attempt;
            } catch (FileAlreadyExistsException e) {
                // taken by an earlier attempt: try the next number
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How many markers start with {@code prefix} in the scratch directory {@code dir}. */
    public static int count(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
