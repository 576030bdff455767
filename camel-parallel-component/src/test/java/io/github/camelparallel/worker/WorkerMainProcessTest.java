package io.github.camelparallel.worker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.camelparallel.protocol.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WorkerMain} as a real child JVM: hello, runs, stdout hygiene, exit codes, end of stdin. */
class WorkerMainProcessTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration EXIT = Duration.ofSeconds(10);
    private static final String TASKS = TestTasks.class.getName() + "$";

    private static List<JsonNode> ints(int... values) {
        return java.util.Arrays.stream(values).mapToObj(v -> (JsonNode) JSON.numberNode(v)).toList();
    }

    @Test
    void helloRunAndShutdown() throws Exception {
        try (ChildProcess worker = ChildProcess.jvmWorker("--task", TASKS + "Cube")) {
            Frame.Hello hello = assertInstanceOf(Frame.Hello.class, worker.receive(), "hello is the first line");
            assertEquals(1, hello.protocol());
            assertEquals(worker.process().pid(), hello.pid());
            assertEquals("java " + System.getProperty("java.version"), hello.runtime());

            worker.send(new Frame.Run(41, ints(1, 2, 13, 3)));
            Frame.Result result = assertInstanceOf(Frame.Result.class, worker.receive());
            assertEquals(41, result.id());
            assertEquals("[1, 8, null, 27]", result.results().toString());
            assertEquals(1, result.errors().size());
            assertEquals(2, result.errors().get(0).index());
            assertEquals("java.lang.IllegalArgumentException", result.errors().get(0).error());

            worker.send(new Frame.Shutdown());
            assertEquals(WorkerMain.EXIT_OK, worker.exitCode(EXIT), worker::stderr);
            assertNull(worker.readLine(), "nothing after the last result");
        }
    }

    @Test
    void whatATaskOrInitializerPrintsGoesToStderr() throws Exception {
        try (ChildProcess worker = ChildProcess.jvmWorker("--task", TASKS + "Printing", "--initializer",
                TASKS + "MarkingInitializer", "--max-message-size", "4096")) {
            assertInstanceOf(Frame.Hello.class, worker.receive());
            worker.send(new Frame.Run(1, List.of(JSON.textNode("abc"), JSON.textNode("xyz"))));
            Frame.Result result = assertInstanceOf(Frame.Result.class, worker.receive(),
                    "the next stdout line is the result, not the task's print");
            assertEquals(List.of(JSON.textNode("ABC"), JSON.textNode("XYZ")), result.results());
            worker.closeStdin();
            assertEquals(WorkerMain.EXIT_OK, worker.exitCode(EXIT));
            assertNull(worker.readLine(), "stdout held protocol lines only");
            String stderr = worker.stderr();
            assertTrue(stderr.contains("printed by the task: abc"), stderr);
            assertTrue(stderr.contains("printed by the task: xyz"), stderr);
            assertTrue(stderr.contains("initializer output goes to stderr"), stderr);
        }
    }

    @Test
    void initializerRunsBeforeTheTaskIsConstructed() throws Exception {
        try (ChildProcess worker = ChildProcess.jvmWorker("--task", TASKS + "SeesInitializer", "--initializer",
                TASKS + "MarkingInitializer")) {
            assertInstanceOf(Frame.Hello.class, worker.receive());
            worker.send(new Frame.Run(1, List.of(JSON.nullNode())));
            assertEquals(List.of(JSON.textNode("yes")), ((Frame.Result) worker.receive()).results());
            worker.send(new Frame.Shutdown());
            assertEquals(0, worker.exitCode(EXIT));
        }
    }

    @Test
    void closingStdinEndsTheWorkerWithinTwoSecondsEvenMidTask() throws Exception {
        try (ChildProcess worker = ChildProcess.jvmWorker("--task", TASKS + "Sleeping")) {
            assertInstanceOf(Frame.Hello.class, worker.receive());
            worker.send(new Frame.Run(1, List.of(JSON.numberNode(60_000L))));
            Thread.sleep(200); // the task is sleeping now
            long begin = System.nanoTime();
            worker.closeStdin();
            assertEquals(WorkerMain.EXIT_OK, worker.exitCode(Duration.ofSeconds(2)));
            assertTrue(System.nanoTime() - begin < Duration.ofSeconds(2).toNanos());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "com.acme.DoesNotExist | not found on the worker's classpath",
            "io.github.camelparallel.worker.TestTasks$NotAFunction | does not implement java.util.function.Function",
            "io.github.camelparallel.worker.TestTasks$NoNoArgConstructor | has no public no-arg constructor",
            "io.github.camelparallel.worker.TestTasks$Labelled | is abstract",
            "io.github.camelparallel.worker.TestTasks$ThrowingConstructor | failed in its constructor: java.lang.IllegalStateException: constructor refuses" })
    void aBadTaskClassExitsTwoBeforeHelloNamingTheClass(String className, String problem) throws Exception {
        try (ChildProcess worker = ChildProcess.jvmWorker("--task", className)) {
            assertEquals(WorkerMain.EXIT_BAD_SETUP, worker.exitCode(EXIT));
            assertNull(worker.readLine(), "no hello");
            String stderr = worker.stderr();
            assertTrue(stderr.contains("task class " + className + " "), stderr);
            assertTrue(stderr.contains(problem), stderr);
        }
    }

    @Test
    void aFailingInitializerExitsThreeBeforeHello() throws Exception {
        try (ChildProcess worker = ChildProcess.jvmWorker("--task", TASKS + "Cube", "--initializer",
                TASKS + "FailingInitializer")) {
            assertEquals(WorkerMain.EXIT_INITIALIZER_FAILED, worker.exitCode(EXIT));
            assertNull(worker.readLine(), "no hello");
            String stderr = worker.stderr();
            assertTrue(stderr.contains("initializer " + TASKS + "FailingInitializer failed"), stderr);
            assertTrue(stderr.contains("java.lang.IllegalStateException: the initializer cannot reach its database"), stderr);
            assertTrue(stderr.contains("\tat " + TASKS + "FailingInitializer.run"), "stack trace: " + stderr);
        }
    }

    @Test
    void aMalformedLineFromTheParentExitsFour() throws Exception {
        try (ChildProcess worker = ChildProcess.jvmWorker("--task", TASKS + "Cube")) {
            assertInstanceOf(Frame.Hello.class, worker.receive());
            worker.sendRaw("{\"type\":\"run\",\"id\":1,\"items\":[1]\n");
            assertEquals(WorkerMain.EXIT_PROTOCOL_ERROR, worker.exitCode(EXIT));
            assertNull(worker.readLine());
            assertTrue(worker.stderr().contains("protocol error from the parent: not JSON"), worker.stderr());
        }
    }

    @Test
    void argumentErrorsExitTwoWithUsage() throws Exception {
        for (String[] args : List.of(new String[0], new String[] { "--task" }, new String[] { "--tasks", "x" },
                new String[] { "--task", TASKS + "Cube", "--max-message-size", "lots" },
                new String[] { "--task=" + TASKS + "Cube", "--max-message-size=0" })) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = WorkerMain.run(args, new ByteArrayInputStream(new byte[0]), out,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(WorkerMain.EXIT_BAD_SETUP, code, String.join(" ", args));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: WorkerMain --task"), err::toString);
            assertEquals(0, out.size(), "no hello");
        }
    }
}
