package io.github.camelparallel.reliability;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.camelparallel.backend.remote.RemoteTaskException;
import io.github.camelparallel.backend.process.WorkerCrashedException;
import io.github.camelparallel.backend.process.WorkerProtocolException;

import static io.github.camelparallel.reliability.BadInputTable.Target.COMMAND;
import static io.github.camelparallel.reliability.BadInputTable.Target.HAZELCAST;
import static io.github.camelparallel.reliability.BadInputTable.Target.PROCESS;
import static io.github.camelparallel.reliability.BadInputTable.Target.THREAD;
import static io.github.camelparallel.reliability.BadInputTable.Target.VIRTUAL;

/**
 * The bad-input table: every bad input we promise to handle, one row each, with what each backend must answer.
 * {@link BadInputRunner} runs the rows; this class only says what goes in and what must come out, so the table reads
 * as the contract it is (docs/reliability.md prints it). Three kinds of rows:
 * <ul>
 * <li>{@link BatchRow}: a body sent to a running pool. An item row sends {@code ["a", X, "c"]} and expects
 * {@code "a!"} and {@code "c!"} around X's own outcome (a result, or an error at index 1); a body row sends X as the
 * whole body and expects the exchange to fail.</li>
 * <li>{@link StartRow}: endpoint options that must stop the route from starting, naming the culprit.</li>
 * <li>{@code System.exit} on an in-JVM backend is run by the runner in a child JVM (see {@link BadInputHostMain}).</li>
 * </ul>
 * Immutable.
 */
final class BadInputTable {

    private BadInputTable() {
    }

    /** Where a row runs: a backend and its task (the {@code BadInputTask} class, or the misbehaving command worker). */
    enum Target {
        THREAD("backend=thread&task=#class:" + BadInputTask.class.getName() + "&chunkSize=2", 0, true),
        VIRTUAL("backend=virtual&task=#class:" + BadInputTask.class.getName() + "&chunkSize=2", 0, true),
        PROCESS("backend=process&task=#class:" + BadInputTask.class.getName() + "&chunkSize=2", 2, false),
        COMMAND("backend=process&command=RAW(" + javaCommand(BadInputWorkerMain.class) + ")&chunkSize=1&taskTimeout=3s",
                2, false),
        HAZELCAST("backend=hazelcast&task=#class:" + BadInputTask.class.getName() + "&chunkSize=2", 0, true);

        final String options;
        /** Child processes of this JVM while the pool runs (poolSize=2 everywhere). */
        final int processes;
        /** Whether the task runs in the test's own JVM (System.exit would end it). */
        final boolean inJvm;

        Target(String options, int processes, boolean inJvm) {
            this.options = options;
            this.processes = processes;
            this.inJvm = inJvm;
        }
    }

    /** This JVM's java binary and classpath running {@code mainClass}: a command line without a shell. */
    static String javaCommand(Class<?> mainClass) {
        return ProcessHandle.current().info().command().orElseThrow() + " -XX:TieredStopAtLevel=1 -cp "
                + System.getProperty("java.class.path") + " " + mainClass.getName();
    }

    /**
     * What must come out: a result at index 1 ({@code result} holds), or a failure of type {@code type} (for an error
     * raised inside a worker or member: a {@link RemoteTaskException} whose remote type is {@code remoteType}) whose
     * messages, causes included, contain every fragment.
     */
    record Outcome(Predicate<Object> result, String resultText, Class<? extends Throwable> type, String remoteType,
            List<String> fragments) {

        static Outcome ok(Object expected) {
            return new Outcome(expected::equals, String.valueOf(expected), null, null, List.of());
        }

        static Outcome okNumber(long expected) {
            return new Outcome(r -> r instanceof Number n && n.longValue() == expected, expected + " (a number)", null,
                    null, List.of());
        }

        static Outcome fails(Class<? extends Throwable> type, String... fragments) {
            return new Outcome(null, null, type, null, List.of(fragments));
        }

        static Outcome failsRemote(String remoteType, String... fragments) {
            return new Outcome(null, null, RemoteTaskException.class, remoteType, List.of(fragments));
        }

        boolean failure() {
            return type != null;
        }

        @Override
        public String toString() {
            return failure() ? (remoteType != null ? "remote " + remoteType : type.getSimpleName()) + " naming "
                    + fragments : "result " + resultText;
        }
    }

    /** A body (or, for an item row, one item between "a" and "c") and what each target answers. */
    record BatchRow(String name, boolean wholeBody, Supplier<Object> input, Map<Target, Outcome> outcomes) {
    }

    /** Endpoint options (with the backend) that must fail the route at start, and what the error must name. */
    record StartRow(String name, String options, String culprit) {
    }

    private static Map<Target, Outcome> same(Set<Target> targets, Outcome outcome) {
        Map<Target, Outcome> map = new LinkedHashMap<>();
        targets.forEach(t -> map.put(t, outcome));
        return map;
    }

    private static BatchRow body(String name, Supplier<Object> body, String typeNamed) {
        return new BatchRow(name, true, body, same(EnumSet.allOf(Target.class), Outcome.fails(IllegalArgumentException.class, typeNamed,
                "needs a batch as the message body")));
    }

    private static BatchRow item(String name, Supplier<Object> item, Map<Target, Outcome> outcomes) {
        return new BatchRow(name, false, item, outcomes);
    }

    static final int FIFTY_MB = 50 * 1024 * 1024;

    /** Rows sent to a running pool of each target. */
    static List<BatchRow> batchRows() {
        // sets built here, not in static fields: Target's own initializer uses this class (javaCommand)
        Set<Target> all = EnumSet.allOf(Target.class);
        Set<Target> jvmTask = EnumSet.of(THREAD, VIRTUAL, PROCESS, HAZELCAST);
        List<BatchRow> rows = new ArrayList<>();
        rows.add(body("null body", () -> null, "null"));
        rows.add(body("String body", () -> "1,2,3", "java.lang.String"));
        rows.add(body("Map body", () -> Map.of("a", 1), "java.util."));
        rows.add(body("lone POJO body", () -> new BadInputTask.SelfReferencing(),
                BadInputTask.SelfReferencing.class.getName()));
        rows.add(item("null item in the batch", () -> null, same(all, Outcome.ok("null!"))));
        rows.add(item("50 MB item", () -> "x".repeat(FIFTY_MB), same(jvmTask, Outcome.okNumber(FIFTY_MB))));
        rows.add(item("item Jackson cannot write", BadInputTask.SelfReferencing::new,
                same(EnumSet.of(PROCESS, COMMAND, HAZELCAST), Outcome.fails(IllegalArgumentException.class,
                        "Item 1", "SelfReferencing", "cannot be sent"))));
        rows.add(item("result Jackson cannot write", () -> "unserializable-result",
                same(EnumSet.of(PROCESS, HAZELCAST), Outcome.failsRemote("java.lang.IllegalArgumentException",
                        "cannot convert the result", "SelfReferencing"))));
        Map<Target, Outcome> error = same(EnumSet.of(PROCESS, HAZELCAST),
                Outcome.failsRemote("java.lang.AssertionError", "an Error thrown by the task"));
        error.put(THREAD, Outcome.fails(AssertionError.class, "an Error thrown by the task"));
        error.put(VIRTUAL, Outcome.fails(AssertionError.class, "an Error thrown by the task"));
        rows.add(item("task throws an Error", () -> "error", error));
        Map<Target, Outcome> overflow = same(EnumSet.of(PROCESS, HAZELCAST),
                Outcome.failsRemote("java.lang.StackOverflowError"));
        overflow.put(THREAD, Outcome.fails(StackOverflowError.class));
        overflow.put(VIRTUAL, Outcome.fails(StackOverflowError.class));
        rows.add(item("task throws StackOverflowError", () -> "stack-overflow", overflow));
        Map<Target, Outcome> oom = same(EnumSet.of(THREAD, VIRTUAL),
                Outcome.fails(OutOfMemoryError.class, "Requested array size exceeds VM limit"));
        oom.put(PROCESS, Outcome.fails(WorkerCrashedException.class, "Item 1", "crashed its worker", "exit code 6",
                "OutOfMemoryError"));
        oom.put(HAZELCAST, Outcome.failsRemote("java.lang.OutOfMemoryError", "Requested array size exceeds VM limit"));
        rows.add(item("task throws OutOfMemoryError", () -> "oom", oom));
        rows.add(item("task calls System.exit (worker process)", () -> "exit:77",
                same(EnumSet.of(PROCESS), Outcome.fails(WorkerCrashedException.class, "Item 1", "crashed its worker",
                        "exit code 77"))));
        rows.add(item("worker prints garbage", () -> "garbage", same(EnumSet.of(COMMAND),
                Outcome.fails(WorkerProtocolException.class, "broke the worker protocol", "this is not JSON"))));
        rows.add(item("worker writes a line without newline, then nothing", () -> "no-newline",
                same(EnumSet.of(COMMAND), Outcome.fails(TimeoutException.class, "Item 1", "taskTimeout of 3000 ms",
                        "killed"))));
        rows.add(item("worker writes a 1 GiB line", () -> "huge-line", same(EnumSet.of(COMMAND),
                Outcome.fails(WorkerProtocolException.class, "broke the worker protocol", "line over 67108864 bytes"))));
        rows.add(item("worker answers with a wrong id", () -> "wrong-id", same(EnumSet.of(COMMAND),
                Outcome.fails(WorkerProtocolException.class, "broke the worker protocol", "result id"))));
        rows.add(item("worker answers with a result list of the wrong length", () -> "wrong-length",
                same(EnumSet.of(COMMAND), Outcome.fails(WorkerProtocolException.class, "broke the worker protocol",
                        "2 results for a run of 1 items"))));
        return rows;
    }

    /** Rows whose route must not start. */
    static List<StartRow> startRows() {
        String task = "&task=#class:" + BadInputTask.class.getName();
        List<StartRow> rows = new ArrayList<>();
        rows.add(new StartRow("command that does not exist", "backend=process&command=no-such-worker-binary-9 --x",
                "no-such-worker-binary-9"));
        for (String backend : List.of("thread", "process", "hazelcast")) {
            rows.add(new StartRow("task class that does not exist (" + backend + ")",
                    "backend=" + backend + "&task=#class:com.acme.NoSuchTask", "com.acme.NoSuchTask"));
        }
        rows.add(new StartRow("unknown backend", "backend=gpu" + task, "backend"));
        rows.add(new StartRow("chunkSize=-1", "chunkSize=-1" + task, "chunkSize"));
        rows.add(new StartRow("negative poolSize leaving no thread", "poolSize=-1000" + task, "poolSize"));
        rows.add(new StartRow("poolSize=0", "poolSize=0" + task, "poolSize"));
        rows.add(new StartRow("negative maxInFlight", "maxInFlight=-3" + task, "maxInFlight"));
        rows.add(new StartRow("negative maxRetries", "maxRetries=-1" + task, "maxRetries"));
        rows.add(new StartRow("unparsable taskTimeout", "taskTimeout=soon" + task, "taskTimeout"));
        rows.add(new StartRow("unparsable timeout", "timeout=1 fortnight" + task, "timeout"));
        rows.add(new StartRow("duration Camel would read as 0 (taskTimeout=later)", "taskTimeout=later" + task,
                "Option taskTimeout of parallel:start-row is not a duration: 'later'"));
        rows.add(new StartRow("duration Camel would read as 0 (retryDelay=abc)", "retryDelay=abc" + task,
                "Option retryDelay of parallel:start-row is not a duration: 'abc'"));
        rows.add(new StartRow("negative retryDelay", "retryDelay=-5" + task, "retryDelay"));
        rows.add(new StartRow("negative maxMessageSize (process)", "backend=process&maxMessageSize=-1" + task,
                "maxMessageSize"));
        rows.add(new StartRow("negative maxTasksPerWorker (process)", "backend=process&maxTasksPerWorker=-1" + task,
                "maxTasksPerWorker"));
        rows.add(new StartRow("unparsable workerStartupTimeout (process)",
                "backend=process&workerStartupTimeout=later" + task,
                "Option workerStartupTimeout of parallel:start-row is not a duration: 'later'"));
        rows.add(new StartRow("command with an unbalanced quote (process)",
                "backend=process&command=RAW(python3 'worker.py)", "quote"));
        return rows;
    }
}
