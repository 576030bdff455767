package io.github.camelparallel.benchmarks;

import java.util.function.Function;

/**
 * The benchmark tasks as classes a JVM worker process can instantiate ({@code task=#class:...}): the same functions
 * as {@link Workloads}, so the process figures compare with the in-JVM ones. Stateless.
 */
public final class ProcessTasks {

    /** The JVM property that carries the SHA-256 rounds into the workers ({@code workerJvmOptions=-D...}). */
    public static final String ROUNDS_PROPERTY = "bench.cpu.rounds";

    /** The JVM property that carries the I/O-bound wait into the workers or members. */
    public static final String WAIT_PROPERTY = "bench.io.waitMillis";

    private ProcessTasks() {
    }

    /** {@link Workloads#cube}. */
    public static class Cube implements Function<Integer, Long> {
        @Override
        public Long apply(Integer x) {
            return Workloads.cube(x);
        }
    }

    /** {@link Workloads#sha256Rounds} with the rounds of {@value #ROUNDS_PROPERTY}. */
    public static class Sha256 implements Function<Integer, Long> {
        private final int rounds = Integer.getInteger(ROUNDS_PROPERTY, 1000);

        @Override
        public Long apply(Integer item) {
            return Workloads.sha256Rounds(item, rounds);
        }
    }

    /** {@link Workloads#waitFor} with the milliseconds of {@value #WAIT_PROPERTY}. */
    public static class Wait implements Function<Integer, Long> {
        private final int millis = Integer.getInteger(WAIT_PROPERTY, 10);

        @Override
        public Long apply(Integer item) {
            return Workloads.waitFor(item, millis);
        }
    }
}
