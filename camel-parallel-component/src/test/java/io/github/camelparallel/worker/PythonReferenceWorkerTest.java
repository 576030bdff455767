package io.github.camelparallel.worker;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.ItemError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Python reference worker (shipped in the jar; {@code examples/python-worker/cube_worker.py} uses it) as a real process, spoken to through the Java
 * protocol classes: the same wire format from both languages. Skipped where no {@code python3} is on the PATH.
 */
class PythonReferenceWorkerTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Path WORKER_DIR = io.github.camelparallel.testing.PythonModule.DIR;
    private static final Path CUBE_WORKER = Path.of("../examples/python-worker/cube_worker.py").toAbsolutePath().normalize();
    private static final Duration EXIT = Duration.ofSeconds(10);

    @BeforeAll
    static void python3OnThePath() {
        assumeTrue(python3().isPresent(), "python3 is not on the PATH; the Python reference worker cannot be run here");
        assertTrue(Files.isRegularFile(CUBE_WORKER), CUBE_WORKER + " is missing (the test runs from the module directory)");
    }

    private static Optional<Path> python3() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .flatMap(dir -> Stream.of(Path.of(dir, "python3"), Path.of(dir, "python3.exe")))
                .filter(Files::isExecutable).findFirst();
    }

    private static ChildProcess cubeWorker() throws Exception {
        return ChildProcess.command(List.of("python3", CUBE_WORKER.toString()), null);
    }

    private static List<JsonNode> items(Object... values) {
        return Stream.of(values).map(v -> v instanceof String s ? (JsonNode) JSON.textNode(s)
                : (JsonNode) JSON.numberNode(((Number) v).longValue())).toList();
    }

    @Test
    void helloRunsPerItemErrorsAndShutdown() throws Exception {
        try (ChildProcess worker = cubeWorker()) {
            Frame.Hello hello = assertInstanceOf(Frame.Hello.class, worker.receive(), worker::stderr);
            assertEquals(1, hello.protocol());
            assertNotNull(hello.pid());
            assertTrue(hello.runtime().startsWith("python 3."), hello.runtime());

            worker.send(new Frame.Run(1, items(1, 2, 3, 3_000_000)));
            Frame.Result first = assertInstanceOf(Frame.Result.class, worker.receive());
            assertEquals(1, first.id());
            assertEquals("[1, 8, 27, 27000000000000000000]", first.results().toString(), "Python ints are unbounded");
            assertEquals(List.of(), first.errors());

            worker.send(new Frame.Run(2, items(2, "x", 4)));
            Frame.Result second = assertInstanceOf(Frame.Result.class, worker.receive());
            assertEquals(2, second.id());
            assertEquals("[8, null, 64]", second.results().toString());
            assertEquals(1, second.errors().size());
            ItemError error = second.errors().get(0);
            assertEquals(1, error.index());
            assertEquals("TypeError", error.error());
            assertTrue(error.message().contains("'str' and 'int'"), error.message());
            assertTrue(error.trace().startsWith("Traceback (most recent call last)"), error.trace());
            assertTrue(error.trace().contains("cube_worker.py"), error.trace());

            worker.send(new Frame.Run(3, List.of()));
            assertEquals(List.of(), ((Frame.Result) worker.receive()).results());

            worker.send(new Frame.Shutdown());
            assertEquals(0, worker.exitCode(EXIT), worker::stderr);
            assertNull(worker.readLine(), "nothing after shutdown");
        }
    }

    @Test
    void endOfStdinEndsTheWorker() throws Exception {
        try (ChildProcess worker = cubeWorker()) {
            assertInstanceOf(Frame.Hello.class, worker.receive(), worker::stderr);
            worker.closeStdin();
            assertEquals(0, worker.exitCode(Duration.ofSeconds(2)));
        }
    }

    @Test
    void endOfStdinEndsTheWorkerEvenWhileTheFunctionRuns() throws Exception {
        String script = "import sys, time; sys.path.insert(0, sys.argv[1]); from camel_parallel_worker import serve; "
                + "serve(lambda s: time.sleep(s) or s)";
        try (ChildProcess worker = ChildProcess.command(List.of("python3", "-c", script, WORKER_DIR.toString()), null)) {
            assertInstanceOf(Frame.Hello.class, worker.receive(), worker::stderr);
            worker.send(new Frame.Run(1, items(60)));
            Thread.sleep(200);
            worker.closeStdin();
            assertEquals(0, worker.exitCode(Duration.ofSeconds(2)));
        }
    }

    @Test
    void printInsideTheFunctionGoesToStderr() throws Exception {
        String script = "import sys, subprocess; sys.path.insert(0, sys.argv[1]); from camel_parallel_worker import serve; "
                + "serve(lambda s: print('noise from print', s) or subprocess.run(['python3', '-c', 'print(\"noise from a child\")']) "
                + "and s.upper())";
        try (ChildProcess worker = ChildProcess.command(List.of("python3", "-c", script, WORKER_DIR.toString()), null)) {
            assertInstanceOf(Frame.Hello.class, worker.receive(), worker::stderr);
            worker.send(new Frame.Run(1, items("a", "b")));
            Frame.Result result = assertInstanceOf(Frame.Result.class, worker.receive(), worker::stderr);
            assertEquals("[\"A\", \"B\"]", result.results().toString());
            worker.send(new Frame.Shutdown());
            assertEquals(0, worker.exitCode(EXIT));
            assertNull(worker.readLine(), "stdout held protocol lines only");
            assertTrue(worker.stderr().contains("noise from print a"), worker.stderr());
            assertTrue(worker.stderr().contains("noise from a child"), worker.stderr());
        }
    }

    @Test
    void aMalformedLineExitsFour() throws Exception {
        try (ChildProcess worker = cubeWorker()) {
            assertInstanceOf(Frame.Hello.class, worker.receive(), worker::stderr);
            worker.sendRaw("{\"type\":\"run\",\"id\":\"one\",\"items\":[1]}\n");
            assertEquals(4, worker.exitCode(EXIT));
            assertTrue(worker.stderr().contains("protocol error from the parent: \"id\" is not an integer"),
                    worker.stderr());
        }
    }

    @Test
    void anItemTooDeepForPythonsJsonFailsAloneAndTheWorkerStaysResponsive() throws Exception {
        String script = "import sys; sys.path.insert(0, sys.argv[1]); from camel_parallel_worker import serve\n"
                + "def deep(n):\n    v = 0\n    for _ in range(n):\n        v = [v]\n    return v\n"
                + "serve(lambda x: deep(5000) if x == 'deep' else x)";
        try (ChildProcess worker = ChildProcess.command(List.of("python3", "-c", script, WORKER_DIR.toString()), null)) {
            assertInstanceOf(Frame.Hello.class, worker.receive(), worker::stderr);
            // 990 levels: too deep for json.loads of the whole line, fine alone: back exactly; 3000: fails alone
            String deep990 = "[".repeat(990) + "0" + "]".repeat(990);
            String deep3000 = "[".repeat(3000) + "0" + "]".repeat(3000);
            worker.sendRaw("{\"type\":\"run\",\"id\":1,\"items\":[1," + deep990 + "," + deep3000
                    + ",\"a,]\\\"[\",2]}\n");
            Frame.Result first = assertInstanceOf(Frame.Result.class, receiveWithin(worker, EXIT), worker::stderr);
            assertEquals(1, first.id());
            assertEquals(5, first.results().size());
            assertEquals(deep990, first.results().get(1).toString(), "back exactly");
            assertEquals("[1, null, \"a,]\\\"[\", 2]", List.of(first.results().get(0), first.results().get(2),
                    first.results().get(3), first.results().get(4)).toString());
            assertEquals(1, first.errors().size());
            assertEquals(2, first.errors().get(0).index());
            assertEquals("RecursionError", first.errors().get(0).error());
            assertTrue(first.errors().get(0).message().contains("nests too deeply"), first.errors().get(0).message());

            worker.send(new Frame.Run(2, items("deep", 3)));
            Frame.Result second = assertInstanceOf(Frame.Result.class, receiveWithin(worker, EXIT), worker::stderr);
            assertEquals("[null, 3]", second.results().toString());
            assertEquals("RecursionError", second.errors().get(0).error());
            assertTrue(second.errors().get(0).message().contains("cannot convert the result"), second.errors().get(0).message());

            worker.closeStdin();
            assertEquals(0, worker.exitCode(Duration.ofSeconds(5)), "the stdin reader is alive: the end of stdin ends the worker");
        }
    }

    /** The next frame, failing (instead of hanging) when the worker does not answer in time. */
    private static Frame receiveWithin(ChildProcess worker, Duration timeout) throws Exception {
        java.util.concurrent.CompletableFuture<Frame> frame = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return worker.receive();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            return frame.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within " + timeout + "; stderr:\n" + worker.stderr());
        }
    }
}
