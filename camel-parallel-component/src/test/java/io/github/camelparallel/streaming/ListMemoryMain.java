package io.github.camelparallel.streaming;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;

/** {@link StreamingMemoryMain}'s batch without streaming: items and results held as lists. */
public final class ListMemoryMain {

    private ListMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        long items = Long.parseLong(args[0]);
        Function<Integer, Long> cube = n -> (long) n * n * n;
        CamelContext context = TestContexts.started(Map.of("cube", cube),
                TestContexts.route("direct:in", "parallel:memory?task=#cube&poolSize=2"));
        try {
            List<?> out = context.createProducerTemplate().requestBody("direct:in",
                    StreamingMemoryMain.numbers(items), List.class);
            System.out.println("SIZE " + out.size());
        } catch (OutOfMemoryError e) {
            System.out.println("OutOfMemoryError " + e.getMessage());
            System.out.flush();
            Runtime.getRuntime().halt(0); // the heap is exhausted: a graceful stop would wait for the lost exchange
        } finally {
            context.stop();
        }
    }
}
