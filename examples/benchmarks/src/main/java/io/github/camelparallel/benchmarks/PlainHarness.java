package io.github.camelparallel.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs a list of {@link Job}s, each one peer ({@link BatchPeers}) over one batch, in a forked JVM and reads their
 * timings back: the harness of the I/O-bound and small-batch scenarios, and of the rows that JMH's scenarios lack
 * (virtual threads, Hazelcast, {@code parallelStream()}, Camel's streaming split). Jobs that need virtual threads run
 * in a second fork on a JDK 21+ ({@code bench.jdk21Home}, default the Temurin 25 of this machine) when this JVM is
 * older; without one their outcome says so.
 * <p>
 * Every batch's results are checked ({@link BatchPeers#check}); a job that fails records its error and the run goes
 * on. A fork that overruns {@code bench.plain.timeoutSeconds} is killed. Not thread-safe; one run at a time.
 */
final class PlainHarness {

    /** Where the jobs that need Java 21+ run when this JVM is older. */
    static final String JDK21_HOME = System.getProperty("bench.jdk21Home", "/usr/lib/jvm/temurin-25-jdk-amd64");

    /**
     * One peer over one batch: {@code warmup} batches, then {@code measure} timed ones.
     *
     * @param scenario    which table the row goes to
     * @param label       the row's name in that table
     * @param peer        a {@link BatchPeers} spec
     * @param task        a task spec ({@code cube}, {@code wait:MS}, {@code sha:ROUNDS})
     * @param concurrency items that can run at once (0: not stated)
     * @param needsJdk21  runs in the JDK 21+ fork (virtual threads)
     */
    record Job(String scenario, String label, String peer, String task, int items, int concurrency, int warmup,
            int measure, boolean needsJdk21) {
    }

    /**
     * A job's timings in milliseconds, one per measured batch, or why there are none; {@code otherCores}: the cores
     * every other process kept busy on average while they were measured ({@link CpuWatch}; this JVM's worker
     * processes count as ours), -1 when unknown.
     */
    record Outcome(Job job, String jdk, List<Double> millis, String error, double otherCores) {
        boolean measured() {
            return error == null && !millis.isEmpty();
        }

        ProcessBenchmark.Timing timing() {
            return new ProcessBenchmark.Timing(job.label(), millis);
        }

        /** The {@code q}-th percentile (0..100, nearest rank) of the measured batches. */
        double percentile(double q) {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int rank = (int) Math.ceil(q / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    private PlainHarness() {
    }

    /**
     * Runs {@code jobs}: those for this JVM in a fork with {@code jvmArgs} (in this JVM when {@code inProcess}), those
     * that need Java 21+ in a fork on {@link #JDK21_HOME} unless this JVM is already 21+.
     */
    static List<Outcome> run(List<Job> jobs, List<String> jvmArgs, boolean inProcess) throws Exception {
        boolean modern = Runtime.version().feature() >= 21;
        List<Job> here = jobs.stream().filter(j -> modern || !j.needsJdk21()).toList();
        List<Job> later = jobs.stream().filter(j -> !modern && j.needsJdk21()).toList();
        List<Outcome> outcomes = new ArrayList<>(inProcess ? measure(here) : fork(javaHere(), jvmArgs, here));
        if (!later.isEmpty()) {
            Path java = Path.of(JDK21_HOME, "bin", "java");
            if (Files.isExecutable(java)) {
                outcomes.addAll(fork(java.toString(), jvmArgs, later));
            } else {
                for (Job job : later) {
                    outcomes.add(new Outcome(job, "", List.of(), "n/a on Java " + Runtime.version().feature()
                            + " (no JDK 21+ at " + JDK21_HOME + "; set -Dbench.jdk21Home=)", -1));
                }
            }
        }
        // in the jobs' order, whichever JVM ran them
        outcomes.sort(Comparator.comparingInt(o -> jobs.indexOf(o.job())));
        return outcomes;
    }

    /** The fork's entry point: {@code PlainHarness <jobs.json> <outcomes.json>}. */
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Job> jobs = json.readValue(Path.of(args[0]).toFile(), new TypeReference<List<Job>>() { });
        json.writeValue(Path.of(args[1]).toFile(), measure(jobs));
        System.exit(0);
    }

    /** CPU time of this JVM's child processes and theirs (worker JVMs), for {@link CpuWatch}. */
    private static long descendantsCpuNanos() {
        return ProcessHandle.current().descendants().mapToLong(p -> p.info().totalCpuDuration()
                .map(Duration::toNanos).orElse(0L)).sum();
    }

    private static String javaHere() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static List<Outcome> fork(String java, List<String> jvmArgs, List<Job> jobs) throws Exception {
        if (jobs.isEmpty()) {
            return List.of();
        }
        ObjectMapper json = new ObjectMapper();
        Path in = Files.createTempFile("plain-jobs", ".json");
        Path out = Files.createTempFile("plain-outcomes", ".json");
        json.writeValue(in.toFile(), jobs);
        List<String> argv = BenchSettings.forkCommand(java, jvmArgs);
        argv.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), PlainHarness.class.getName(),
                in.toString(), out.toString()));
        Process fork = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int limit = Integer.getInteger("bench.plain.timeoutSeconds", 900);
        try {
            if (!fork.waitFor(limit, TimeUnit.SECONDS)) {
                throw new IllegalStateException("benchmark fork still running after " + limit + " s, killed: " + argv);
            }
            if (fork.exitValue() != 0) {
                throw new IllegalStateException("benchmark fork failed (exit " + fork.exitValue() + "): " + argv);
            }
            return json.readValue(out.toFile(), new TypeReference<List<Outcome>>() { });
        } finally {
            fork.destroyForcibly();
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    private static List<Outcome> measure(List<Job> jobs) {
        String jdk = "Java " + Runtime.version();
        List<Outcome> outcomes = new ArrayList<>();
        for (Job job : jobs) {
            System.out.printf("%s: %s, %,d items x %d batches...%n", job.scenario(), job.label(), job.items(),
                    job.measure());
            List<Integer> items = Workloads.items(job.items());
            List<Double> millis = new ArrayList<>();
            String error = null;
            CpuWatch watch = null;
            try (BatchPeers.Peer peer = BatchPeers.open(job.peer(), job.task())) {
                for (int i = 0; i < job.warmup() + job.measure(); i++) {
                    if (i == job.warmup()) {
                        watch = CpuWatch.start(PlainHarness::descendantsCpuNanos);
                    }
                    long t0 = System.nanoTime();
                    List<?> results = peer.run(items);
                    long elapsed = System.nanoTime() - t0;
                    BatchPeers.check(peer, job.task(), items, results);
                    if (i >= job.warmup()) {
                        millis.add(elapsed / 1e6);
                    }
                }
                watch = watch == null ? null : watch.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                System.out.println("  failed: " + error);
            }
            double others = error == null && watch != null && !Double.isNaN(watch.others()) ? watch.others() : -1;
            outcomes.add(new Outcome(job, jdk, error == null ? millis : List.of(), error, others));
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return outcomes;
    }
}
