package io.github.camelparallel.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker command that always breaks the protocol before it completes a run (a banner on stdout before or after its
 * hello) must break the pool after max(3, poolSize) such workers in a row, like a command whose workers cannot start:
 * the batch fails within a bounded time with an error naming the command, the offending line and the fix, no worker
 * is left running, and the context stops cleanly. It used to kill and restart workers forever; with the banner before
 * hello the batch never ended. The workers are tiny sh scripts (POSIX sh is on every machine these tests run on).
 */
class ProtocolBreakLoopTest {

    private static final String HELLO = "echo '{\"type\":\"hello\",\"protocol\":1}'\n";
    /** Reads stdin until its end, answering nothing: the worker exits when the parent closes the pipe or kills it. */
    private static final String IDLE = "while read line; do :; done\n";

    private CamelContext context;
    private Set<Long> childrenBefore;

    @BeforeEach
    void rememberChildren() {
        childrenBefore = liveChildren();
    }

    @AfterEach
    void stopCleanly() throws InterruptedException {
        if (context != null) {
            context.stop();
            assertEquals(ServiceStatus.Stopped, context.getStatus());
        }
        awaitNoNewChildren(10_000);
    }

    @Test
    void aBannerBeforeHelloFailsTheBatchInsteadOfRestartingWorkersForever(@TempDir Path dir) throws Exception {
        Path script = write(dir, "banner-worker.sh", "echo 'starting the banner worker v1.2'\n" + HELLO + IDLE);
        start(script);

        Exchange out = send(List.of(1, 2, 3));

        String messages = messages(out.getException());
        assertTrue(messages.contains("banner-worker.sh") && messages.contains("starting the banner worker v1.2")
                && messages.contains("stdout must carry protocol lines only"), messages);
        assertNotNull(findCause(out.getException(), IllegalStateException.class), messages);
        assertNoMoreRestarts();
    }

    @Test
    void aBannerAfterHelloBreaksThePoolInsteadOfRestartingWorkersForever(@TempDir Path dir) throws Exception {
        // the first batch's run reaches a worker before its banner does: that batch fails on the protocol error alone
        Path script = write(dir, "chatty-worker.sh", HELLO + "echo 'ready to serve'\n" + IDLE);
        start(script);

        Exchange first = send(List.of(1));
        assertNotNull(first.getException(), "a worker that breaks the protocol cannot answer");
        // the replacements break the protocol while idle: three in a row break the pool
        long deadline = System.currentTimeMillis() + 20_000;
        while (!String.valueOf(backend().status().problem()).contains("stdout must carry protocol lines only")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(25);
        }
        String problem = backend().status().problem();
        assertTrue(String.valueOf(problem).contains("stdout must carry protocol lines only"), problem);
        assertTrue(problem.contains("ready to serve"), problem);
        assertNoMoreRestarts();

        Exchange second = send(List.of(2));
        IllegalStateException broken = findCause(second.getException(), IllegalStateException.class);
        assertNotNull(broken, messages(second.getException()));
        assertTrue(broken.getMessage().contains("chatty-worker.sh") && broken.getMessage().contains("ready to serve")
                && broken.getMessage().contains("stdout must carry protocol lines only"), broken.getMessage());
    }

    @Test
    void aJvmLogLineFromACommandWorkerIsLoggedNotAProtocolBreak(@TempDir Path dir) throws Exception {
        // a command= worker may be a JVM too (java -XX:StartFlightRecording -jar worker.jar): the same leniency
        Path script = write(dir, "jvm-like-worker.sh", "echo '[0.412s][info][jfr,startup] Started recording 1.'\n"
                + "echo '[0.413s][info][jfr,startup] '\n" + HELLO
                + "read line\ncase \"$line\" in *shutdown*) exit 0 ;; esac\n"
                + "echo '{\"type\":\"result\",\"id\":1,\"results\":[\"ok\"]}'\n" + IDLE);
        start(script);

        Exchange out = send(List.of(1));

        assertNull(out.getException(), () -> "batch failed: " + out.getException());
        assertEquals(List.of("ok"), out.getMessage().getBody(List.class));
        assertEquals(0, backend().restarts(), "no worker was killed");
    }

    /** The broken pool starts no more workers: none is left alive, and the restart count stands still. */
    private void assertNoMoreRestarts() throws InterruptedException {
        awaitNoNewChildren(10_000);
        assertEquals(0, backend().liveWorkers());
        long restarts = backend().restarts();
        Thread.sleep(500);
        assertEquals(restarts, backend().restarts(), "workers are still being restarted");
        assertEquals(Set.of(), newChildren());
    }

    private void start(Path script) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:noisy?backend=process&poolSize=2&lazyStart=true&command=RAW(sh " + script + ")"));
    }

    private Exchange send(List<Integer> body) throws Exception {
        return context.createProducerTemplate().asyncSend("direct:in", e -> e.getIn().setBody(body))
                .get(60, TimeUnit.SECONDS);
    }

    private ProcessPoolBackend backend() {
        return (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class).getPoolBackend("noisy");
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String messages(Throwable error) {
        assertInstanceOf(Throwable.class, error, "the batch did not fail");
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            parts.add(String.valueOf(t.getMessage()));
        }
        return String.join(" | ", parts);
    }

    private static Set<Long> liveChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** Waits until no child process started by this test is alive, and fails naming them if some are. */
    private void awaitNoNewChildren(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        Set<Long> extra = newChildren();
        while (!extra.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(25);
            extra = newChildren();
        }
        assertEquals(Set.of(), extra, "worker processes still alive (restarted forever?)");
    }

    private Set<Long> newChildren() {
        Set<Long> now = liveChildren();
        now.removeAll(childrenBefore);
        return now;
    }
}
