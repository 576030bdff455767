package io.github.camelparallel.reliability;

import java.util.Map;
import java.util.function.Function;

import io.github.camelparallel.ParallelEndpoint;
import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The other side of the bad-duration rows of {@link BadInputTable}: every form of duration Camel reads (milliseconds,
 * {@code 500ms}, {@code 2s}, {@code 1m30s}, ISO-8601, and the ways of saying 0) still starts the route, with the value
 * it means, so the strict check refuses only what Camel would have read as a silent 0.
 */
class BadInputDurationsTest {

    @ParameterizedTest
    @CsvSource({ "500,500", "500ms,500", "2s,2000", "1m30s,90000", "PT2S,2000", "PT0.5S,500", "1h,3600000", "5sec,5000",
            "0,0", "0ms,0", "0s,0", "PT0S,0" })
    void aRealDurationStartsTheRouteWithItsValue(String text, long millis) throws Exception {
        CamelContext context = TestContexts.started(Map.of("task", (Function<Object, Object>) x -> x),
                TestContexts.route("direct:in", "parallel:durations?task=#task&poolSize=1&taskTimeout=" + text));
        try {
            ParallelEndpoint endpoint = context.getEndpoints().stream().filter(ParallelEndpoint.class::isInstance)
                    .map(ParallelEndpoint.class::cast).findFirst().orElseThrow();
            assertEquals(millis, endpoint.getConfiguration().getTaskTimeout(), text);
        } finally {
            context.stop();
        }
    }
}
