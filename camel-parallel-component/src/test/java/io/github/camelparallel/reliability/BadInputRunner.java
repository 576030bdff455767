package io.github.camelparallel.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.remote.RemoteTaskException;
import io.github.camelparallel.reliability.BadInputTable.BatchRow;
import io.github.camelparallel.reliability.BadInputTable.Outcome;
import io.github.camelparallel.reliability.BadInputTable.StartRow;
import io.github.camelparallel.reliability.BadInputTable.Target;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs {@link BadInputTable} as JUnit dynamic tests. For each target, one pool (poolSize=2, onError=collect) serves
 * every row in turn, and after every row the runner checks what the issue asks of each: the error names the culprit
 * (index, type, option, command or class), nothing hung (every send and start is bounded by {@link #HARD_BOUND}), no
 * thread is left inside the task and the pool has exactly its workers (no more, no fewer), and the same pool then
 * serves a good batch. When the pool stops, every thread and process it started must be gone. Each row's observed
 * error is logged ({@code ROW target | row | outcome}) for docs/reliability.md.
 */
final class BadInputRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BadInputRunner.class);
    static final Duration HARD_BOUND = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private BadInputRunner() {
    }

    /** One container per target: start, every row that applies, stop with the leak check. */
    static DynamicContainer target(Target target) {
        PoolUnderTest pool = new PoolUnderTest(target);
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("start the pool", pool::start));
        for (BatchRow row : BadInputTable.batchRows()) {
            if (row.outcomes().containsKey(target)) {
                tests.add(DynamicTest.dynamicTest(row.name(), () -> pool.run(row)));
            }
        }
        tests.add(DynamicTest.dynamicTest("stop: no thread or process left", pool::stop));
        return DynamicContainer.dynamicContainer(target.name().toLowerCase(), tests);
    }

    /** The rows whose route must not start. */
    static DynamicContainer startRows() {
        return DynamicContainer.dynamicContainer("route start", BadInputTable.startRows().stream()
                .map(row -> DynamicTest.dynamicTest(row.name(), () -> runStartRow(row))));
    }

    /** System.exit in a task of an in-JVM backend, in a child JVM: the JVM exits with the task's code. */
    static DynamicContainer exitInChildJvm(List<Target> targets) {
        return DynamicContainer.dynamicContainer("System.exit in a task (child JVM)", targets.stream()
                .map(t -> DynamicTest.dynamicTest(t.name().toLowerCase(), () -> runExitInChildJvm(t))));
    }

    private static void runStartRow(StartRow row) throws Exception {
        BadInputLeaks.Snapshot before = BadInputLeaks.take();
        CamelContext context = TestContexts.create(Map.of(),
                TestContexts.route("direct:in", "parallel:start-row?" + row.options()));
        try {
            Exception error = assertTimeoutPreemptively(HARD_BOUND, () -> assertThrows(Exception.class, context::start),
                    "the route start hung");
            String messages = messages(error);
            LOG.info("ROW start | {} | {}", row.name(), messages);
            assertTrue(messages.contains(row.culprit()), "the error must name " + row.culprit() + ": " + messages);
        } finally {
            context.stop();
        }
        BadInputLeaks.awaitNewProcesses(before, 0, SETTLE);
        BadInputLeaks.awaitNoNewThreads(before, SETTLE);
    }

    private static void runExitInChildJvm(Target target) throws Exception {
        BadInputLeaks.Snapshot before = BadInputLeaks.take();
        Path out = Files.createTempFile("bad-input-exit-", ".out");
        try {
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), BadInputHostMain.class.getName(),
                    target.options + "&poolSize=2", "a,exit:77,c", "x,y")
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!child.waitFor(HARD_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                child.destroyForcibly();
                fail("the child JVM did not end within " + HARD_BOUND);
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            LOG.info("ROW {} | System.exit(77) in a task | child JVM exit code {}, printed: {}", target,
                    child.exitValue(), printed.strip());
            assertEquals(77, child.exitValue(), "the task's System.exit ends the whole JVM; printed: " + printed);
            assertFalse(printed.contains("BATCH 0"), "no batch can complete once the JVM exits: " + printed);
        } finally {
            Files.deleteIfExists(out);
        }
        BadInputLeaks.awaitNewProcesses(before, 0, SETTLE);
    }

    /** The messages of an error and its causes, joined. */
    static String messages(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            parts.add(t.getClass().getName() + ": " + t.getMessage());
        }
        return String.join(" | ", parts);
    }

    /** One target's pool, shared by the rows of its container (they run in order). */
    private static final class PoolUnderTest {
        private final Target target;
        private BadInputLeaks.Snapshot beforeStart;
        private CamelContext context;
        private ProducerTemplate template;

        PoolUnderTest(Target target) {
            this.target = target;
        }

        void start() throws Exception {
            beforeStart = BadInputLeaks.take();
            context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                    "parallel:bad-" + target.name().toLowerCase() + "?" + target.options + "&poolSize=2&onError=collect"));
            template = context.createProducerTemplate();
            BadInputLeaks.awaitNewProcesses(beforeStart, target.processes, SETTLE);
        }

        void run(BatchRow row) throws Exception {
            assertNotNull(context, "the pool did not start");
            Object input = row.input().get();
            Object body = row.wholeBody() ? input : Arrays.asList("a", input, "c");
            Exchange out = send(body);
            input = null;
            body = null;
            Outcome expected = row.outcomes().get(target);
            if (row.wholeBody()) {
                check(row, expected, out.getException());
            } else {
                assertNull(out.getException(), () -> "the batch itself must not fail: " + messages(out.getException()));
                List<?> results = out.getMessage().getBody(List.class);
                assertEquals(3, results.size(), "one result per item");
                assertEquals("a!", results.get(0), "the item before it");
                assertEquals("c!", results.get(2), "the item after it");
                Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
                if (expected.failure()) {
                    assertNull(results.get(1));
                    assertEquals(Set.of(1), errors.keySet(), "only the bad item fails, by its index");
                    check(row, expected, (Throwable) errors.get(1));
                } else {
                    Object result = results.get(1);
                    LOG.info("ROW {} | {} | result {}", target, row.name(),
                            result instanceof String s && s.length() > 80 ? s.substring(0, 80) + "..." : result);
                    assertNull(errors, () -> "no error expected: " + errors);
                    assertTrue(expected.result().test(result), "expected " + expected + ", got " + result);
                }
            }
            afterRow();
        }

        private Exchange send(Object body) throws Exception {
            try {
                return template.asyncSend("direct:in", e -> e.getIn().setBody(body))
                        .get(HARD_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the batch hung: no answer within " + HARD_BOUND, e);
            }
        }

        private void check(BatchRow row, Outcome expected, Throwable error) {
            assertNotNull(error, "expected " + expected);
            String messages = messages(error);
            LOG.info("ROW {} | {} | {}", target, row.name(), messages.length() > 600 ? messages.substring(0, 600)
                    + "..." : messages);
            assertInstanceOf(expected.type(), error, messages);
            if (expected.remoteType() != null) {
                assertEquals(expected.remoteType(), ((RemoteTaskException) error).getRemoteType(), messages);
            }
            for (String fragment : expected.fragments()) {
                assertTrue(messages.contains(fragment), "the error must name '" + fragment + "': " + messages);
            }
        }

        /** Nothing left running in the task, exactly the pool's workers alive, and the pool serves again. */
        private void afterRow() throws Exception {
            if (target.inJvm) {
                BadInputLeaks.awaitNoThreadIn(BadInputTask.class, SETTLE);
            }
            BadInputLeaks.awaitNewProcesses(beforeStart, target.processes, SETTLE);
            Exchange next = send(List.of("x", "y"));
            assertNull(next.getException(), () -> "the next batch failed: " + messages(next.getException()));
            assertEquals(List.of("x!", "y!"), next.getMessage().getBody(), () -> "the next batch, errors: "
                    + next.getMessage().getHeader(ParallelConstants.ERRORS));
        }

        void stop() throws Exception {
            assertNotNull(beforeStart, "the pool never started");
            if (template != null) {
                template.stop();
            }
            if (context != null) {
                context.stop();
            }
            BadInputLeaks.awaitNewProcesses(beforeStart, 0, SETTLE);
            BadInputLeaks.awaitNoNewThreads(beforeStart, SETTLE);
            LOG.info("ROW {} | stop | no thread or process left ({} threads alive)", target,
                    Thread.getAllStackTraces().size());
        }
    }
}
