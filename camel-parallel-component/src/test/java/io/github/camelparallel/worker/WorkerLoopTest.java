package io.github.camelparallel.worker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.ItemError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker loop in-process: ordering, per-item errors, input type conversion, shutdown, end of input, bad lines. */
class WorkerLoopTest {

    private static final FrameCodec CODEC = FrameCodec.SHARED;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final StreamPipes.Input in = new StreamPipes.Input();
    private final StreamPipes.Lines out = new StreamPipes.Lines();
    private final ByteArrayOutputStream diagnosticsBytes = new ByteArrayOutputStream();
    private final PrintStream diagnostics = new PrintStream(diagnosticsBytes, true, StandardCharsets.UTF_8);
    private CompletableFuture<WorkerLoop.Outcome> outcome;

    @AfterEach
    void endInput() {
        in.close();
    }

    private void start(Function<?, ?> task) {
        start(new WorkerLoop(task, in, out, 1 << 20, diagnostics));
    }

    private void start(WorkerLoop loop) {
        outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(loop.run());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "test-worker-loop");
        thread.setDaemon(true);
        thread.start();
    }

    private Frame.Result run(long id, Object... items) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (Object item : items) {
            nodes.add(CODEC.toTree(item));
        }
        in.sendLine(CODEC.encode(new Frame.Run(id, nodes)));
        return nextResult();
    }

    private Frame.Result nextResult() throws Exception {
        String line = out.next(WAIT);
        assertNotNull(line, "no result within " + WAIT);
        return (Frame.Result) CODEC.decode(line);
    }

    private WorkerLoop.Outcome outcome() throws Exception {
        return outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static List<Long> longs(Frame.Result result) {
        return result.results().stream().map(n -> n.isNull() ? null : n.longValue()).collect(Collectors.toList());
    }

    @Test
    void answersEachRunInOrderWithTheSameId() throws Exception {
        start(new TestTasks.Cube());
        Frame.Result first = run(7, 1, 2, 3);
        assertEquals(7, first.id());
        assertEquals(List.of(1L, 8L, 27L), longs(first));
        assertEquals(List.of(), first.errors());

        List<Integer> many = IntStream.range(0, 1000).boxed().filter(i -> i != 13).collect(Collectors.toList());
        Frame.Result second = run(8, many.toArray());
        assertEquals(8, second.id());
        assertEquals(many.stream().map(i -> (long) i * i * i).collect(Collectors.toList()), longs(second));

        assertEquals(List.of(), longs(run(9)), "an empty run gets an empty result");
    }

    @Test
    void runsSentAheadAreAnsweredInArrivalOrder() throws Exception {
        start(new TestTasks.Cube());
        for (long id = 1; id <= 20; id++) {
            in.sendLine(CODEC.encode(new Frame.Run(id, List.of(JSON.numberNode((int) id + 20)))));
        }
        for (long id = 1; id <= 20; id++) {
            Frame.Result result = nextResult();
            assertEquals(id, result.id());
            assertEquals(List.of((id + 20) * (id + 20) * (id + 20)), longs(result));
        }
    }

    @Test
    void aFailingItemFailsAloneWithItsIndexTypeMessageAndTrace() throws Exception {
        start(new TestTasks.Cube());
        Frame.Result result = run(1, 2, 13, 3, 13);
        assertEquals(java.util.Arrays.asList(8L, null, 27L, null), longs(result));
        assertEquals(2, result.errors().size());
        ItemError error = result.errors().get(0);
        assertEquals(1, error.index(), "the index inside the run");
        assertEquals("java.lang.IllegalArgumentException", error.error());
        assertEquals("unlucky 13", error.message());
        assertTrue(error.trace().startsWith("java.lang.IllegalArgumentException: unlucky 13"), error.trace());
        assertTrue(error.trace().contains("TestTasks$Cube.apply"), error.trace());
        assertEquals(3, result.errors().get(1).index());
    }

    @Test
    void itemsAreConvertedToTheDeclaredInputTypeAndABadItemFailsAlone() throws Exception {
        start(new TestTasks.Cube());
        in.sendLine("{\"type\":\"run\",\"id\":5,\"items\":[2,\"three\",{\"n\":4},null,\"5\",2.0]}");
        Frame.Result result = nextResult();
        assertEquals(5, result.id());
        assertEquals(6, result.results().size());
        assertEquals(8L, result.results().get(0).longValue());
        assertTrue(result.results().get(1).isNull());
        assertTrue(result.results().get(2).isNull());
        assertEquals(125L, result.results().get(4).longValue(), "Jackson's scalar coercion: \"5\" is an Integer");
        assertEquals(8L, result.results().get(5).longValue(), "Jackson's scalar coercion: 2.0 is an Integer");
        List<Integer> failed = result.errors().stream().map(ItemError::index).collect(Collectors.toList());
        assertEquals(List.of(1, 2, 3), failed, "null reaches the task as null and fails there (unboxing)");
        ItemError conversion = result.errors().get(0);
        assertTrue(conversion.error().startsWith("com.fasterxml.jackson"), conversion.error());
        assertTrue(conversion.message().startsWith("cannot convert the item to java.lang.Integer: "), conversion.message());
        assertEquals("java.lang.NullPointerException", result.errors().get(2).error());
    }

    @Test
    void recordItemsAndResultsCrossAsJsonObjects() throws Exception {
        start(new TestTasks.PointTask());
        in.sendLine("{\"type\":\"run\",\"id\":1,\"items\":[{\"x\":3,\"y\":4},{\"x\":\"a\"},{\"y\":1,\"x\":0}]}");
        Frame.Result result = nextResult();
        assertEquals(JSON.objectNode().put("radius", 5.0).put("label", "3,4"), result.results().get(0));
        assertEquals(NullNode.getInstance(), result.results().get(1));
        assertEquals(JSON.objectNode().put("radius", 1.0).put("label", "0,1"), result.results().get(2));
        assertEquals(1, result.errors().size());
        assertEquals(1, result.errors().get(0).index());
        assertTrue(result.errors().get(0).message().contains(TestTasks.Point.class.getName()),
                result.errors().get(0).message());
    }

    @Test
    void inputTypeIsResolvedThroughSuperclassesAndInterfaces() throws Exception {
        assertEquals(Integer.class, WorkerLoop.inputType(TestTasks.Cube.class).getRawClass());
        assertEquals(TestTasks.Point.class, WorkerLoop.inputType(TestTasks.PointTask.class).getRawClass());
        assertEquals(Integer.class, WorkerLoop.inputType(TestTasks.LabelledInteger.class).getRawClass());
        assertEquals("java.util.List<java.lang.Long>", WorkerLoop.inputType(TestTasks.SumOfLongs.class).toCanonical());
        assertEquals(Object.class, WorkerLoop.inputType(TestTasks.RawEcho.class).getRawClass());
        Function<String, Integer> lambda = String::length;
        assertEquals(Object.class, WorkerLoop.inputType(lambda.getClass()).getRawClass());

        start(new TestTasks.SumOfLongs());
        in.sendLine("{\"type\":\"run\",\"id\":1,\"items\":[[1,2,3],[],[4294967296,1]]}");
        assertEquals(List.of(6L, 0L, 4294967297L), longs(nextResult()), "1 became a Long, not an Integer");
    }

    @Test
    void genericSuperclassBindingReachesTheTask() throws Exception {
        start(new TestTasks.LabelledInteger());
        in.sendLine("{\"type\":\"run\",\"id\":1,\"items\":[42]}");
        assertEquals("int:Integer:42", nextResult().results().get(0).textValue());
    }

    @Test
    void unresolvableInputTypeGivesPlainJacksonTypes() throws Exception {
        start(new TestTasks.RawEcho());
        in.sendLine("{\"type\":\"run\",\"id\":1,\"items\":[1,4294967296,1.5,\"s\",true,null,[1],{\"a\":1}]}");
        List<String> types = nextResult().results().stream().map(JsonNode::textValue).collect(Collectors.toList());
        assertEquals(List.of("java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.String",
                "java.lang.Boolean", "null", "java.util.ArrayList", "java.util.LinkedHashMap"), types);
    }

    @Test
    void aResultThatCannotBecomeJsonFailsAlone() throws Exception {
        start(new TestTasks.Unserializable());
        Frame.Result result = run(1, 1, -1, 2);
        assertEquals(JSON.objectNode().put("n", 1), result.results().get(0));
        assertTrue(result.results().get(1).isNull());
        assertEquals(JSON.objectNode().put("n", 2), result.results().get(2));
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).message().startsWith("cannot convert the result (java.lang.Object) to JSON"),
                result.errors().get(0).message());
    }

    @Test
    void aStackOverflowIsAnItemErrorButOutOfMemoryEndsTheWorker() throws Exception {
        Function<Object, Object> task = item -> {
            if ("deep".equals(item)) {
                throw new StackOverflowError("deep");
            }
            if ("oom".equals(item)) {
                throw new OutOfMemoryError("simulated");
            }
            return item;
        };
        start(task);
        Frame.Result result = run(1, "deep", "ok");
        assertEquals("java.lang.StackOverflowError", result.errors().get(0).error());
        assertEquals("ok", result.results().get(1).textValue());

        in.sendLine(CODEC.encode(new Frame.Run(2, List.of(JSON.textNode("oom")))));
        assertEquals(WorkerLoop.Outcome.FATAL_ERROR, outcome());
        assertTrue(diagnosticsBytes.toString(StandardCharsets.UTF_8).contains("OutOfMemoryError: simulated"));
    }

    @Test
    void traceIsCutToAboutFourThousandChars() throws Exception {
        start((Function<Object, Object>) item -> {
            throw new IllegalStateException("m".repeat(10_000));
        });
        ItemError error = run(1, 0).errors().get(0);
        assertTrue(error.trace().length() <= WorkerLoop.MAX_TRACE_CHARS, "trace length " + error.trace().length());
        assertTrue(error.trace().endsWith("chars, cut)"), error.trace().substring(error.trace().length() - 40));
    }

    @Test
    void shutdownAnswersEarlierRunsFirst() throws Exception {
        start(new TestTasks.Sleeping());
        in.sendLine(CODEC.encode(new Frame.Run(1, List.of(JSON.numberNode(200L)))));
        in.sendLine(CODEC.encode(new Frame.Shutdown()));
        assertEquals(WorkerLoop.Outcome.SHUTDOWN, outcome());
        Frame.Result result = nextResult();
        assertEquals(1, result.id(), "the run before shutdown was answered");
    }

    @Test
    void endOfInputEndsTheLoopAtOnceEvenDuringATask() throws Exception {
        start(new TestTasks.Sleeping());
        in.sendLine(CODEC.encode(new Frame.Run(1, List.of(JSON.numberNode(30_000L)))));
        Thread.sleep(100);
        long begin = System.nanoTime();
        in.close();
        assertEquals(WorkerLoop.Outcome.END_OF_INPUT, outcome());
        assertTrue(System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(1), "did not wait for the task");
    }

    @Test
    void malformedLinesEndTheLoopWithAProtocolError() throws Exception {
        for (String bad : List.of("not json", "{\"type\":\"run\",\"id\":\"x\",\"items\":[]}", "{\"type\":\"hello\",\"protocol\":1}",
                "{\"type\":\"result\",\"id\":1,\"results\":[]}", "{\"type\":\"reboot\"}")) {
            StreamPipes.Input input = new StreamPipes.Input();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            WorkerLoop loop = new WorkerLoop(new TestTasks.Cube(), input, out, 1024,
                    new PrintStream(errors, true, StandardCharsets.UTF_8));
            input.sendLine(bad);
            assertEquals(WorkerLoop.Outcome.PROTOCOL_ERROR, loop.run(), bad);
            String message = errors.toString(StandardCharsets.UTF_8);
            assertTrue(message.startsWith("camel-parallel worker: protocol error from the parent: "), message);
            input.close();
        }
        assertTrue(out.isEmpty(), "nothing answered a bad line");
    }

    @Test
    void aLineOverTheLimitIsAProtocolError() throws Exception {
        WorkerLoop loop = new WorkerLoop(new TestTasks.Cube(), in, out, 100, diagnostics);
        in.sendLine("{\"type\":\"run\",\"id\":1,\"items\":[" + "1,".repeat(100) + "1]}");
        assertEquals(WorkerLoop.Outcome.PROTOCOL_ERROR, loop.run());
        assertTrue(diagnosticsBytes.toString(StandardCharsets.UTF_8).contains("line over 100 bytes"));
    }

    @Test
    void aLineAfterShutdownIsAProtocolError() throws Exception {
        WorkerLoop loop = new WorkerLoop(new TestTasks.Sleeping(), in, out, 1024, diagnostics);
        in.sendLine(CODEC.encode(new Frame.Run(1, List.of(JSON.numberNode(1000L)))));
        in.sendLine(CODEC.encode(new Frame.Shutdown()));
        in.sendLine(CODEC.encode(new Frame.Run(2, List.of(JSON.numberNode(1L)))));
        assertEquals(WorkerLoop.Outcome.PROTOCOL_ERROR, loop.run());
    }

    @Test
    void runsOnce() throws Exception {
        WorkerLoop loop = new WorkerLoop(new TestTasks.Cube(), in, out, 1024, diagnostics);
        in.close();
        assertEquals(WorkerLoop.Outcome.END_OF_INPUT, loop.run());
        assertThrows(IllegalStateException.class, loop::run);
    }
}
