package io.github.camelparallel.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * With real worker processes ({@link BadInputWorkerMain}): {@code command} arguments
 * holding shell syntax reach the worker verbatim (no shell ever runs), the worker's environment is exactly the
 * parent's plus {@code workerEnv}, and a worker writing a 1 GiB line cannot make the parent hold more than
 * {@code maxMessageSize} of it: a parent JVM with a 64 MB heap survives, reports the protocol error for that item and
 * serves the next batch (also when {@code maxMessageSize} is set above what that heap can hold).
 */
class SecurityProcessTest {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityProcessTest.class);

    @TempDir
    Path dir;

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    /** One worker of {@link BadInputWorkerMain}; the command is set in Java, so no URI parsing touches it. */
    private Object askTheWorker(String command, Map<String, String> workerEnv, String question) throws Exception {
        context = TestContexts.create(Map.of(), TestContexts.route("direct:in", "parallel:sec?backend=process&poolSize=1"));
        ParallelComponent component = context.getComponent("parallel", ParallelComponent.class);
        component.getConfiguration().setCommand(command);
        Map<String, Object> env = new HashMap<>(workerEnv);
        component.getConfiguration().setWorkerEnv(env);
        context.start();
        Exchange out = context.createProducerTemplate().asyncSend("direct:in", e -> e.getIn().setBody(List.of(question)))
                .get(BadInputRunner.HARD_BOUND.toSeconds(), TimeUnit.SECONDS);
        assertNull(out.getException());
        return out.getMessage().getBody(List.class).get(0);
    }

    @Test
    void shellSyntaxInCommandArgumentsIsPassedVerbatim() throws Exception {
        Path marker = dir.resolve("pwned");
        String command = BadInputTable.javaCommand(BadInputWorkerMain.class)
                + " 'a;b' '$(touch " + marker + ")' '`touch " + marker + "`' \"it's\" 'say \"hi\"' '*' '|' '&&' '$HOME'"
                + " \"back\\\\slash\" > out.txt";
        Object argv = askTheWorker(command, Map.of(), "argv");
        LOG.info("command: {}\nargv seen by the worker: {}", command, argv);
        assertEquals(List.of("a;b", "$(touch " + marker + ")", "`touch " + marker + "`", "it's", "say \"hi\"", "*", "|",
                "&&", "$HOME", "back\\slash", ">", "out.txt"), argv);
        assertFalse(Files.exists(marker), "no shell ran the command substitution");
        assertFalse(Files.exists(Path.of("out.txt")), "no shell redirected the output");
    }

    @Test
    void theWorkerEnvironmentIsTheParentsPlusWorkerEnvOnly() throws Exception {
        Map<String, String> workerEnv = Map.of("CAMEL_PARALLEL_TEST_GREETING", "hi there", "HOME", dir.toString());
        Object env = askTheWorker(BadInputTable.javaCommand(BadInputWorkerMain.class), workerEnv, "env");
        Map<String, String> expected = new HashMap<>(System.getenv());
        expected.putAll(workerEnv);
        assertEquals(expected, env, "exactly the parent's environment, with workerEnv added or replacing");
    }

    @Test
    void aOneGibLineCannotExhaustTheParentsHeap() throws Exception {
        String printed = oneGibLineToA64MbParent(1 << 20);
        assertTrue(printed.contains("BATCH 0 [null] ERRORS {0=") && printed.contains("line over 1048576 bytes"), printed);
    }

    @Test
    void aLimitAboveWhatTheHeapCanHoldFailsTheRunInsteadOfHanging() throws Exception {
        // maxMessageSize=256 MiB in a 64 MB heap: the line cannot be held; the run must still get an outcome
        String printed = oneGibLineToA64MbParent(256 << 20);
        assertTrue(printed.contains("BATCH 0 [null] ERRORS {0=") && printed.contains("no memory for"), printed);
    }

    /** A parent JVM with -Xmx64m whose one worker answers "huge-line" with 1 GiB without a newline, then "x,y". */
    private String oneGibLineToA64MbParent(int maxMessageSize) throws Exception {
        Path out = dir.resolve("host.out");
        Path err = dir.resolve("host.err");
        String worker = BadInputTable.javaCommand(BadInputWorkerMain.class);
        Process host = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), BadInputHostMain.class.getName(),
                "backend=process&poolSize=1&chunkSize=1&maxMessageSize=" + maxMessageSize + "&command=RAW(" + worker + ")",
                "huge-line", "x,y").redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!host.waitFor(BadInputRunner.HARD_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            host.destroyForcibly();
            fail("the host JVM hung: no end within " + BadInputRunner.HARD_BOUND);
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        LOG.info("64 MB parent, 1 GiB line, maxMessageSize={}: exit {}, printed:\n{}", maxMessageSize, host.exitValue(),
                printed);
        assertFalse(stderr.contains("Exception in thread \"Camel"), "a thread of the parent died:\n" + stderr);
        assertEquals(0, host.exitValue(), printed + "\n" + stderr);
        assertTrue(printed.contains("BATCH 1 [x!, y!] ERRORS {}"), "the pool serves the next batch:\n" + printed);
        assertTrue(printed.contains("DONE"), printed);
        return printed;
    }
}
