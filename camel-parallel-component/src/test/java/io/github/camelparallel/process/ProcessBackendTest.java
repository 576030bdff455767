package io.github.camelparallel.process;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.ParallelTaskException;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import io.github.camelparallel.backend.remote.RemoteTaskException;
import io.github.camelparallel.backend.process.WorkerCrashedException;
import io.github.camelparallel.backend.process.WorkerProtocolException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** backend=process with real worker JVMs: ordering, crashes, poison pills, hangs, bad output, bad set-up, no orphans. */
class ProcessBackendTest {

    private static final String BEHAVIOUR = "#class:" + Behaviour.class.getName();

    private CamelContext context;
    private final List<Long> pidsSeen = new ArrayList<>();

    @AfterEach
    void stopAndCheckNoOrphans() throws InterruptedException {
        if (context != null) {
            context.stop();
        }
        for (long pid : pidsSeen) {
            awaitGone(pid);
        }
    }

    private CamelContext start(String options) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:proc?backend=process&" + options));
        rememberPids();
        return context;
    }

    private ProcessPoolBackend backend() {
        return (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class).getPoolBackend("proc");
    }

    private void rememberPids() {
        ProcessPoolBackend backend = backend();
        if (backend != null) {
            pidsSeen.addAll(backend.workerPids());
        }
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "worker " + pid + " outlived the context");
    }

    private void awaitLiveWorkers(int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (backend().liveWorkers() != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, backend().liveWorkers(), "the pool is back to full strength");
        rememberPids();
    }

    private static List<?> results(Exchange out) {
        if (out.getException() != null) {
            throw new AssertionError("batch failed", out.getException());
        }
        return out.getMessage().getBody(List.class);
    }

    @Test
    void tenThousandItemsInOrderWithTheDeclaredResultType() throws Exception {
        start("task=#class:" + Cube.class.getName() + "&poolSize=2");
        assertEquals(2, backend().liveWorkers(), "workers start with the route");
        List<Integer> input = IntStream.range(0, 10_000).boxed().toList();
        List<?> results = results(TestContexts.send(context, "direct:in", input));
        for (int i = 0; i < input.size(); i++) {
            assertEquals((long) i * i * i, results.get(i), "index " + i);
        }
        assertInstanceOf(Long.class, results.get(5), "Function<Integer, Long> gives Long, not Integer");
    }

    @Test
    void taskExceptionFailsTheItemAloneWithTheRemoteTypeAndTrace() throws Exception {
        start("task=" + BEHAVIOUR + "&poolSize=2&onError=collect");
        Exchange out = TestContexts.send(context, "direct:in", List.of("a", "throw:bad input", "c", "print:p"));
        assertEquals(java.util.Arrays.asList("a!", null, "c!", "p!"), results(out));
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        RemoteTaskException error = assertInstanceOf(RemoteTaskException.class, errors.get(1));
        assertEquals("java.lang.IllegalStateException", error.getRemoteType());
        assertTrue(error.getMessage().contains("bad input"));
        assertTrue(error.getRemoteTrace().contains("Behaviour.apply"), error.getRemoteTrace());
    }

    @Test
    void randomKillMinusNineWhileFiveThousandItemsRunLosesNothing() throws Exception {
        start("task=#class:" + Cube.class.getName() + "&poolSize=2&chunkSize=50");
        List<Integer> input = IntStream.range(0, 5000).boxed().toList();
        var reply = context.createProducerTemplate().asyncSend("direct:in", e -> e.getIn().setBody(input));
        int kills = 0;
        while (!reply.isDone() && kills < 6) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(30, 120));
            List<Long> pids = backend().workerPids();
            if (!pids.isEmpty()) {
                long victim = pids.get(ThreadLocalRandom.current().nextInt(pids.size()));
                pidsSeen.add(victim);
                ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                kills++;
            }
        }
        List<?> results = results(reply.get(120, TimeUnit.SECONDS));
        assertEquals(5000, results.size());
        for (int i = 0; i < 5000; i++) {
            assertEquals((long) i * i * i, results.get(i), "index " + i + " after " + kills + " kills");
        }
        awaitLiveWorkers(2);
    }

    @Test
    void poisonPillIsIsolatedAndFailsAloneWithExitAndStderr() throws Exception {
        start("task=" + BEHAVIOUR + "&poolSize=2&chunkSize=5&onError=collect");
        List<String> input = new ArrayList<>(IntStream.range(0, 20).mapToObj(Integer::toString).toList());
        input.set(7, "exit:42");
        Exchange out = TestContexts.send(context, "direct:in", input);
        List<?> results = results(out);
        for (int i = 0; i < 20; i++) {
            assertEquals(i == 7 ? null : i + "!", results.get(i), "index " + i);
        }
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertEquals(Set.of(7), errors.keySet());
        WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class, errors.get(7));
        assertTrue(crash.getMessage().contains("exit code 42"), crash.getMessage());
        assertTrue(crash.getMessage().contains("about to die with 42"), "stderr tail: " + crash.getMessage());
        awaitLiveWorkers(2);
    }

    @Test
    void hangIsKilledAndReplacedAndTheLateItemTimesOut() throws Exception {
        start("task=" + BEHAVIOUR + "&poolSize=2&chunkSize=1&taskTimeout=1s&onError=collect");
        List<Long> before = backend().workerPids();
        Exchange out = TestContexts.send(context, "direct:in", List.of("a", "hang", "c", "d"));
        assertEquals(java.util.Arrays.asList("a!", null, "c!", "d!"), results(out));
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertInstanceOf(TimeoutException.class, errors.get(1));
        awaitLiveWorkers(2);
        assertTrue(Collections.disjoint(before, backend().workerPids()) || backend().restarts() >= 1,
                "the hung worker was replaced");
        Exchange next = TestContexts.send(context, "direct:in", List.of("x"));
        assertEquals(List.of("x!"), results(next), () -> "errors: " + next.getMessage().getHeader(ParallelConstants.ERRORS));
    }

    @Test
    void garbageOnStdoutIsAProtocolErrorThatKillsOnlyThatWorker() throws Exception {
        start("task=" + BEHAVIOUR + "&poolSize=2&chunkSize=1&onError=collect");
        Exchange out = TestContexts.send(context, "direct:in", List.of("a", "garbage", "c"));
        List<?> results = results(out);
        assertEquals("a!", results.get(0));
        assertNull(results.get(1));
        assertEquals("c!", results.get(2));
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        WorkerProtocolException error = assertInstanceOf(WorkerProtocolException.class, errors.get(1));
        assertTrue(error.getMessage().contains("this is not JSON"), error.getMessage());
        awaitLiveWorkers(2);
    }

    @Test
    void unserializableItemFailsAloneNamingIndexAndType() throws Exception {
        start("task=" + BEHAVIOUR + "&poolSize=1&onError=collect");
        Object unserializable = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                return this;
            }
        };
        Exchange out = TestContexts.send(context, "direct:in", List.of("a", unserializable, "c"));
        assertEquals(java.util.Arrays.asList("a!", null, "c!"), results(out));
        Throwable error = (Throwable) out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class).get(1);
        assertTrue(error.getMessage().contains("Item 1") && error.getMessage().contains("ProcessBackendTest"), error.getMessage());
    }

    @Test
    void missingCommandFailsTheRouteAtStartNamingIt() throws Exception {
        CamelContext ctx = TestContexts.create(Map.of(),
                TestContexts.route("direct:in", "parallel:proc?backend=process&command=no-such-worker-binary --x"));
        Exception error = assertThrows(Exception.class, ctx::start);
        assertTrue(messages(error).contains("no-such-worker-binary"), messages(error));
        ctx.stop();
    }

    @Test
    void workerThatExitsBeforeHelloFailsTheStartWithItsStderr() throws Exception {
        CamelContext ctx = TestContexts.create(Map.of(), TestContexts.route("direct:in",
                "parallel:proc?backend=process&poolSize=1&command=RAW(sh -c 'echo broken setup >&2; exit 7')"));
        Exception error = assertThrows(Exception.class, ctx::start);
        assertTrue(messages(error).contains("exit code 7") && messages(error).contains("broken setup"), messages(error));
        ctx.stop();
    }

    @Test
    void badTaskClassesFailAtStartNamingTheClass() throws Exception {
        for (String task : List.of("#class:" + NoDefaultConstructor.class.getName(), "com.acme.Missing")) {
            CamelContext ctx = TestContexts.create(Map.of(), TestContexts.route("direct:in",
                    "parallel:proc?backend=process&poolSize=1&task=" + task));
            Exception error = assertThrows(Exception.class, ctx::start);
            String name = task.contains("NoDefault") ? "NoDefaultConstructor" : "com.acme.Missing";
            assertTrue(messages(error).contains(name), messages(error));
            ctx.stop();
        }
    }

    @Test
    void failingInitializerFailsThePoolStartWithItsError() throws Exception {
        CamelContext ctx = TestContexts.create(Map.of(), TestContexts.route("direct:in",
                "parallel:proc?backend=process&poolSize=2&task=" + BEHAVIOUR + "&initializer=#class:"
                        + FailingInitializer.class.getName()));
        Exception error = assertThrows(Exception.class, ctx::start);
        assertTrue(messages(error).contains("the model file is missing"), messages(error));
        ctx.stop();
    }

    @Test
    void maxTasksPerWorkerRecyclesWorkers() throws Exception {
        start("task=" + BEHAVIOUR + "&poolSize=1&chunkSize=1&maxTasksPerWorker=3");
        List<Long> first = backend().workerPids();
        List<String> input = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
        assertEquals(input.stream().map(s -> s + "!").toList(), results(TestContexts.send(context, "direct:in", input)));
        awaitLiveWorkers(1);
        assertTrue(Collections.disjoint(first, backend().workerPids()), "recycled");
    }

    @Test
    void lazyStartStartsWorkersOnTheFirstBatch() throws Exception {
        start("task=" + BEHAVIOUR + "&poolSize=2&lazyStart=true");
        assertEquals(0, backend().liveWorkers());
        assertEquals(List.of("a!"), results(TestContexts.send(context, "direct:in", List.of("a"))));
        awaitLiveWorkers(2);
    }

    @Test
    void lazyStartWithAMissingCommandFailsTheBatchInsteadOfHanging() throws Exception {
        start("command=no-such-worker-binary&poolSize=1&lazyStart=true");
        Exchange out = TestContexts.send(context, "direct:in", List.of(1, 2));
        ParallelTaskException error = assertInstanceOf(ParallelTaskException.class, out.getException());
        assertTrue(messages(error).contains("no-such-worker-binary"), messages(error));
    }

    @Test
    void aWorkerThatSaysHelloAfterThePoolStoppedIsNoProtocolError(@TempDir Path dir) throws Exception {
        // lazyStart, two sh workers: the first says hello at once and answers run 1; the second says hello only 2 s
        // later, when the pool is already stopping. Its late first hello used to be taken for "a second hello".
        Path script = dir.resolve("late-hello-worker.sh");
        Files.writeString(script, "if ! mkdir '" + dir.resolve("first") + "' 2>/dev/null; then sleep 2; fi\n"
                + "echo '{\"type\":\"hello\",\"protocol\":1}'\n"
                + "read line\n"
                + "case \"$line\" in *shutdown*) exit 0 ;; esac\n"
                + "echo '{\"type\":\"result\",\"id\":1,\"results\":[\"ok\"]}'\n"
                + "read line\n");
        start("command=RAW(sh " + script + ")&poolSize=2&lazyStart=true");
        assertEquals(List.of("ok"), results(TestContexts.send(context, "direct:in", List.of(1))));
        rememberPids();

        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            context.stop(); // waits for the workers to exit: the late one says hello, then reads its shutdown
        } finally {
            System.setErr(err);
        }
        String stopLog = log.toString(StandardCharsets.UTF_8);
        err.print(stopLog);
        assertTrue(stopLog.contains("2 workers stopped"), stopLog);
        assertFalse(stopLog.contains("broke the protocol"), stopLog);
    }

    @Test
    void workerEnvIsAddedToTheParentsEnvironment(@TempDir Path dir) throws Exception {
        // a tiny worker in sh that answers its first run with the value of $GREETING
        Path script = dir.resolve("env-worker.sh");
        Files.writeString(script, "echo '{\"type\":\"hello\",\"protocol\":1}'\n"
                + "read line\n"
                + "echo \"{\\\"type\\\":\\\"result\\\",\\\"id\\\":1,\\\"results\\\":[\\\"$GREETING\\\"]}\"\n"
                + "read line\n");
        start("command=RAW(sh " + script + ")&poolSize=1&workerEnv.GREETING=hi-there");
        assertEquals(List.of("hi-there"), results(TestContexts.send(context, "direct:in", List.of(1))));
    }

    @Test
    void theRouteDoesNotContinueOnAWorkersReaderThread() throws Exception {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        context = TestContexts.started(Map.of(), new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:proc?backend=process&poolSize=1&task=" + BEHAVIOUR)
                        .process(e -> threads.add(Thread.currentThread().getName()));
            }
        });
        rememberPids();
        assertEquals(List.of("a!"), results(TestContexts.send(context, "direct:in", List.of("a"))));
        assertEquals(1, threads.size());
        assertTrue(!threads.get(0).contains("ParallelWorkerIO"), threads.get(0));
    }

    @Test
    void twoEndpointsOfOneProcessPoolWithDifferentTasksFailAtStart() throws Exception {
        CamelContext ctx = TestContexts.create(Map.of(), new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("parallel:proc?backend=process&poolSize=1&task=" + BEHAVIOUR);
                from("direct:b").to("parallel:proc?backend=process&poolSize=1&task=#class:" + Cube.class.getName());
            }
        });
        Exception error = assertThrows(Exception.class, ctx::start);
        assertTrue(messages(error).contains("task=") && messages(error).contains("Cube"), messages(error));
        ctx.stop();
    }

    @Test
    void pythonReferenceWorkerServesARoute() throws Exception {
        Path worker = Path.of("../examples/python-worker/cube_worker.py").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("python3"), "python3 is not on the PATH of this machine");
        start("command=RAW(python3 " + worker + ")&poolSize=2&onError=collect&workerEnv.PYTHONPATH=RAW("
                + io.github.camelparallel.testing.PythonModule.DIR + ")");
        Exchange out = TestContexts.send(context, "direct:in", List.of(1, 2, 3, "x", 30_000_000));
        List<?> results = results(out);
        assertEquals(1, ((Number) results.get(0)).intValue());
        assertEquals(27, ((Number) results.get(2)).intValue());
        assertNull(results.get(3));
        assertEquals(new java.math.BigInteger("27000000000000000000000"), new java.math.BigInteger(results.get(4).toString()));
        RemoteTaskException error = assertInstanceOf(RemoteTaskException.class,
                out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class).get(3));
        assertEquals("TypeError", error.getRemoteType());
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    static String messages(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            parts.add(String.valueOf(t.getMessage()));
        }
        return parts.stream().collect(Collectors.joining(" | "));
    }
}
