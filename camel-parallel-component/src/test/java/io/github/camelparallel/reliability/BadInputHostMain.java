package io.github.camelparallel.reliability;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * A child JVM for the reliability tests, for what must not happen in the test's own JVM (a task calling
 * {@code System.exit} on an in-JVM backend) or needs a small heap (a worker sending a 1 GiB line):
 * {@code BadInputHostMain <endpoint options> <batch> [<batch> ...]}, each batch a comma-separated list of string
 * items sent to {@code parallel:host?<options>&onError=collect}. For each batch it prints one line,
 * {@code BATCH <i> <results> ERRORS {index=message}} or {@code BATCH <i> FAILED <error>}, then stops the context and
 * prints {@code DONE}.
 */
public final class BadInputHostMain {

    private BadInputHostMain() {
    }

    public static void main(String[] args) throws Exception {
        CamelContext context = TestContexts.started(Map.of(),
                TestContexts.route("direct:in", "parallel:host?" + args[0] + "&onError=collect"));
        for (int i = 1; i < args.length; i++) {
            List<String> batch = Arrays.asList(args[i].split(","));
            Exchange out = TestContexts.send(context, "direct:in", batch);
            if (out.getException() != null) {
                System.out.println("BATCH " + (i - 1) + " FAILED " + out.getException());
            } else {
                Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
                System.out.println("BATCH " + (i - 1) + " " + out.getMessage().getBody() + " ERRORS "
                        + (errors == null ? "{}" : errors));
            }
            System.out.flush();
        }
        context.stop();
        System.out.println("DONE");
    }
}
