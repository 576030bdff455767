package io.github.camelparallel.operations;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;

/** Runs a batch on a classpath without Micrometer and prints its result (or how it failed). */
public final class NoMicrometerMain {

    private NoMicrometerMain() {
    }

    public static void main(String[] args) {
        try {
            Function<Integer, Integer> inc = n -> n + 1;
            CamelContext context = TestContexts.started(Map.of("inc", inc),
                    TestContexts.route("direct:in", "parallel:nometrics?task=#inc&poolSize=2"));
            System.out.println("RESULT " + context.createProducerTemplate().requestBody("direct:in", List.of(1, 2, 3)));
            context.stop();
        } catch (Throwable e) {
            System.out.println("FAILED " + e);
        }
    }
}
