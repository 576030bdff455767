package io.github.camelparallel;

import java.util.Map;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** On JDK 17, backend=virtual fails at route start with a message that says why, never at the first message. */
class VirtualThreadsOnOldJdkTest {

    @Test
    void virtualBackendFailsAtRouteStartBeforeJdk21() throws Exception {
        assumeTrue(Runtime.version().feature() < 21, "this JVM has virtual threads; see VirtualBackendContractTest");
        CamelContext context = TestContexts.create(Map.of("task", (Function<Object, Object>) x -> x),
                TestContexts.route("direct:in", "parallel:v?task=#task&backend=virtual"));
        Exception error = assertThrows(Exception.class, context::start);
        String message = PoolSizeTest.rootCause(error).getMessage();
        assertTrue(message.contains("backend=virtual") && message.contains("Java 21"), message);
        context.stop();
    }
}
