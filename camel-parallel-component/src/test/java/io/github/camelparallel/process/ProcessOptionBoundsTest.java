package io.github.camelparallel.process;

import java.util.List;
import java.util.Map;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process options' real bounds are checked at start, and
 * {@code workerStartupTimeout=0} means no bound, as the option table says.
 */
class ProcessOptionBoundsTest {

    private static final String CUBE = "task=#class:" + Cube.class.getName();

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void aMaxMessageSizeAboveWhatTheReaderTakesFailsTheStartAtOnceNamingTheBound() throws Exception {
        context = TestContexts.create(Map.of(), TestContexts.route("direct:in",
                "parallel:proc?backend=process&poolSize=1&workerStartupTimeout=60s&maxMessageSize=2147483647&" + CUBE));
        long started = System.nanoTime();
        Exception error = assertThrows(Exception.class, context::start);
        String messages = ProcessBackendTest.messages(error);
        assertTrue(messages.contains("maxMessageSize") && messages.contains("2147483631"), messages);
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "fails at once, not after workerStartupTimeout");
    }

    @Test
    void theLargestMaxMessageSizeTheReaderTakesStartsAndServes() throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:proc?backend=process&poolSize=1&maxMessageSize=2147483631&" + CUBE));
        Exchange out = TestContexts.send(context, "direct:in", List.of(2, 3));
        assertNull(out.getException());
        assertEquals(List.of(8L, 27L), out.getMessage().getBody(List.class));
    }

    @Test
    void aNegativeWorkerStartupTimeoutFailsTheStartNamingTheOption() throws Exception {
        context = TestContexts.create(Map.of(), TestContexts.route("direct:in",
                "parallel:proc?backend=process&poolSize=1&workerStartupTimeout=-1&" + CUBE));
        Exception error = assertThrows(Exception.class, context::start);
        assertTrue(ProcessBackendTest.messages(error).contains("workerStartupTimeout must be"), ProcessBackendTest.messages(error));
    }

    @Test
    void workerStartupTimeoutZeroMeansNoBound() throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:proc?backend=process&poolSize=2&workerStartupTimeout=0&" + CUBE));
        Exchange out = TestContexts.send(context, "direct:in", List.of(1, 2, 3));
        assertNull(out.getException());
        assertEquals(List.of(1L, 8L, 27L), out.getMessage().getBody(List.class));
    }

    @Test
    void workerStartupTimeoutZeroStillEndsAStartWhenTheWorkerExits() throws Exception {
        context = TestContexts.create(Map.of(), TestContexts.route("direct:in",
                "parallel:proc?backend=process&poolSize=1&workerStartupTimeout=0"
                        + "&command=RAW(sh -c 'echo no hello today >&2; exit 9')"));
        Exception error = assertThrows(Exception.class, context::start);
        String messages = ProcessBackendTest.messages(error);
        assertTrue(messages.contains("exit code 9") && messages.contains("no hello today"), messages);
    }
}
