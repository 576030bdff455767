package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * On virtual threads {@code poolSize=2147483647} is "no bound" (a thread per chunk, as many as
 * the window lets in), and batches run; it used to hang every batch (a negative window) or divide by zero.
 */
@Tag("jdk21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+")
class VirtualUnboundedPoolTest {

    @Test
    void maxValueIsUnboundedOnVirtualThreads() throws Exception {
        for (String options : new String[] { "", "&maxInFlight=4", "&streaming=false&chunkSize=1" }) {
            Function<Integer, Integer> task = n -> n * 10;
            CamelContext context = TestContexts.started(Map.of("task", task), TestContexts.route("direct:in",
                    "parallel:v?task=#task&backend=virtual&poolSize=2147483647" + options));
            try {
                List<Integer> items = IntStream.range(0, 2000).boxed().toList();
                Exchange out = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                        () -> TestContexts.send(context, "direct:in", items), options);
                assertNull(out.getException(), options);
                assertEquals(items.stream().map(n -> n * 10).toList(), out.getMessage().getBody(List.class), options);
            } finally {
                context.stop();
            }
        }
    }
}
