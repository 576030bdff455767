package io.github.camelparallel;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Many small batches of one-item chunks: pool threads and the caller pump the same batch all the time, and exactly one
 * of them may submit (and read the input) at a time. A lapse there handed two threads the input at once and put
 * results one place off, or hung a batch (found by the Hazelcast benchmark's checks); every list must be exact.
 */
class OneSubmitterTest {

    @Test
    void everyResultInItsPlaceOverManyBatchesOfOneItemChunks() throws Exception {
        Function<Integer, Integer> square = n -> n * n;
        CamelContext context = TestContexts.started(Map.of("square", square),
                TestContexts.route("direct:in", "parallel:submitter?task=#square&poolSize=2&chunkSize=1&timeout=20s"));
        try {
            List<Integer> input = IntStream.range(0, 500).boxed().toList();
            List<Integer> expected = input.stream().map(n -> n * n).toList();
            for (int batch = 0; batch < 3000; batch++) {
                Exchange out = TestContexts.send(context, "direct:in", input);
                assertNull(out.getException(), "batch " + batch);
                List<?> results = out.getMessage().getBody(List.class);
                assertEquals(expected.size(), results.size(), "batch " + batch);
                for (int i = 0; i < expected.size(); i++) {
                    if (!expected.get(i).equals(results.get(i))) {
                        throw new AssertionError("batch " + batch + ": item " + i + " is " + results.get(i) + ", expected "
                                + expected.get(i));
                    }
                }
            }
        } finally {
            context.stop();
        }
    }
}
