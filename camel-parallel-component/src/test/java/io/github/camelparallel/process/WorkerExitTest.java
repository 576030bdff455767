package io.github.camelparallel.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import io.github.camelparallel.backend.process.WorkerCrashedException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With real {@code sh} workers that start children: a worker's exit is
 * noticed from the process, not from the end of its stdout (which a child may hold); a worker that closes its stdout
 * and keeps running is killed and counted as a crash; a killed or stopped worker's descendants end with it.
 * Every child a worker starts writes its pid to a file, so the test can check that none is left.
 */
class WorkerExitTest {

    /** A protocol-1 worker in sh. $1: the pid file prefix; $2: "hold" if its start-up child keeps stdout open. */
    private static final String WORKER = """
            if [ "$2" = hold ]; then sleep 300 & else sleep 300 >/dev/null 2>&1 & fi
            echo $! >> "$1.start"
            echo '{"type":"hello","protocol":1}'
            while read -r line; do
              case "$line" in
                *shutdown*) exit 0 ;;
                *hang*) sleep 300 & echo $! >> "$1.hang"; wait ;;
                *crash*) echo "crashing on purpose" >&2; exit 3 ;;
                *close*) exec 1>&-; sleep 300 & echo $! >> "$1.close"; wait ;;
                *spawn*) sleep 300 >/dev/null 2>&1 & echo $! >> "$1.spawn" ;;
              esac
              id=$(echo "$line" | sed 's/.*"id":\\([0-9]*\\).*/\\1/')
              echo "{\\"type\\":\\"result\\",\\"id\\":$id,\\"results\\":[\\"ok\\"]}"
            done
            """;

    @TempDir
    Path dir;
    private Path script;
    private Path pids;
    private CamelContext context;

    @BeforeEach
    void writeWorker() throws IOException {
        script = dir.resolve("worker.sh");
        Files.writeString(script, WORKER);
        pids = dir.resolve("pids");
    }

    @AfterEach
    void stopAndKillWhatIsLeft() throws IOException {
        if (context != null) {
            context.stop();
        }
        for (long pid : allPids()) { // never leave a sleep 300 behind, whatever the outcome
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private void start(String holdOrFree, String options) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:proc?backend=process&command=RAW(sh "
                + script + " " + pids + " " + holdOrFree + ")&" + options));
    }

    private ProcessPoolBackend backend() {
        return (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class).getPoolBackend("proc");
    }

    private Exchange send(List<String> body) throws Exception {
        // bounded here: without the fixes these batches never end
        return context.createProducerTemplate().asyncSend("direct:in", e -> e.getIn().setBody(body))
                .get(60, TimeUnit.SECONDS);
    }

    private List<Long> pids(String kind) throws IOException {
        Path file = Path.of(pids + "." + kind);
        List<Long> found = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    found.add(Long.parseLong(line.trim()));
                }
            }
        }
        return found;
    }

    private List<Long> allPids() throws IOException {
        List<Long> all = new ArrayList<>();
        for (String kind : List.of("start", "hang", "crash", "close", "spawn")) {
            all.addAll(pids(kind));
        }
        return all;
    }

    private static void awaitGone(List<Long> pids, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (pids.stream().anyMatch(WorkerExitTest::alive) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(pids.stream().anyMatch(WorkerExitTest::alive), what + " still alive: " + pids);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Map<?, ?> errors(Exchange out) {
        return out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
    }

    @Test
    void aCrashIsNoticedWhileAChildHoldsTheWorkersStdout() throws Exception {
        start("hold", "poolSize=1&chunkSize=1&onError=collect");
        Exchange out = send(List.of("a", "crash", "b"));
        assertNull(out.getException());
        assertEquals(java.util.Arrays.asList("ok", null, "ok"), out.getMessage().getBody(List.class));
        WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class, errors(out).get(1));
        assertTrue(crash.getMessage().contains("exit code 3") && crash.getMessage().contains("crashing on purpose"),
                crash.getMessage());
        // the children the crashed workers started (and remembered at hello) did not outlive them
        List<Long> children = pids("start");
        children.removeAll(liveWorkersChildren());
        awaitGone(children, "children of crashed workers");
    }

    @Test
    void aCrashedPythonWorkerIsNoticedWhileTheShellsChildHoldsItsStdout() throws Exception {
        // the command: sh -c 'sleep 300 & exec python3 w.py', and an item that crashes the worker
        org.junit.jupiter.api.Assumptions.assumeTrue(WorkerResultIsolationTest.python3(), "python3 is not on the PATH");
        Path worker = dir.resolve("w.py");
        Files.writeString(worker, "import os, sys\nsys.path.insert(0, "
                + WorkerResultIsolationTest.pythonString(WorkerResultIsolationTest.PYTHON_DIR) + ")\n"
                + "from camel_parallel_worker import serve\n"
                + "def work(x):\n    if x == 'crash':\n        sys.stderr.write('crashing on purpose\\n'); sys.stderr.flush(); os._exit(3)\n"
                + "    return x + '!'\n"
                + "serve(work)\n");
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:proc?backend=process"
                + "&command=RAW(sh -c 'sleep 300 & echo $! >> " + pids + ".start; exec python3 " + worker + "')"
                + "&poolSize=1&chunkSize=3&onError=collect"));
        Exchange out = send(List.of("a", "crash", "b"));
        assertNull(out.getException());
        assertEquals(java.util.Arrays.asList("a!", null, "b!"), out.getMessage().getBody(List.class));
        WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class, errors(out).get(1));
        assertTrue(crash.getMessage().contains("exit code 3") && crash.getMessage().contains("crashing on purpose"),
                crash.getMessage());
        List<Long> children = pids("start");
        children.removeAll(liveWorkersChildren());
        awaitGone(children, "children of crashed workers");
    }

    @Test
    void aWorkerThatClosesStdoutAndKeepsRunningIsKilledAndCountedAsACrash() throws Exception {
        start("free", "poolSize=1&chunkSize=1&onError=collect");
        Exchange out = send(List.of("a", "close", "b"));
        assertNull(out.getException());
        assertEquals(java.util.Arrays.asList("ok", null, "ok"), out.getMessage().getBody(List.class));
        WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class, errors(out).get(1));
        assertTrue(crash.getMessage().contains("closed its stdout"), crash.getMessage());
        assertTrue(backend().restarts() >= 2, "counted as crashes: " + backend().restarts());
        awaitGone(pids("close"), "children of the killed workers");
        assertEquals(List.of("ok"), send(List.of("c")).getMessage().getBody(List.class), "the pool still serves");
    }

    @Test
    void aWorkerKilledForTaskTimeoutTakesItsChildrenWithIt() throws Exception {
        start("free", "poolSize=1&chunkSize=1&taskTimeout=1s&onError=collect");
        Exchange out = send(List.of("a", "hang", "b"));
        assertEquals(java.util.Arrays.asList("ok", null, "ok"), out.getMessage().getBody(List.class));
        assertInstanceOf(TimeoutException.class, errors(out).get(1));
        awaitGone(pids("hang"), "the child of the hung worker");
        List<Long> children = pids("start");
        children.removeAll(liveWorkersChildren());
        awaitGone(children, "the start-up child of the killed worker");
    }

    @Test
    void noDescendantOfAnyWorkerOutlivesThePool() throws Exception {
        start("free", "poolSize=2&chunkSize=1");
        assertEquals(List.of("ok", "ok", "ok", "ok"),
                send(List.of("a", "spawn", "c", "spawn")).getMessage().getBody(List.class));
        List<Long> workers = backend().workerPids();
        assertEquals(2, pids("start").size(), "each worker started a child before its hello");
        assertEquals(2, pids("spawn").size(), "and children during runs");
        context.stop();
        awaitGone(workers, "workers");
        awaitGone(pids("start"), "children the workers started before hello");
        awaitGone(pids("spawn"), "children the workers started during runs");
    }

    /** The start-up children of the workers alive now (they may stay while their worker lives). */
    private List<Long> liveWorkersChildren() {
        List<Long> children = new ArrayList<>();
        for (long worker : backend().workerPids()) {
            ProcessHandle.of(worker).ifPresent(h -> h.descendants().forEach(d -> children.add(d.pid())));
        }
        return children;
    }
}
