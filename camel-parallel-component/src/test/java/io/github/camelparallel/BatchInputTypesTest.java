package io.github.camelparallel;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every accepted batch type gives the same ordered list of results; an empty batch gives an empty list. */
class BatchInputTypesTest {

    private static CamelContext context;

    @BeforeAll
    static void start() throws Exception {
        Function<Object, String> describe = item -> "<" + item + ">";
        context = TestContexts.started(Map.of("describe", describe),
                TestContexts.route("direct:in", "parallel:types?task=#describe&poolSize=2"));
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    private static List<?> run(Object body) {
        Exchange out = TestContexts.send(context, "direct:in", body);
        assertNull(out.getException(), () -> "failed: " + out.getException());
        return out.getMessage().getBody(List.class);
    }

    private static final List<String> ABC = List.of("<a>", "<b>", "<c>");
    private static final List<String> ONE_TWO_THREE = List.of("<1>", "<2>", "<3>");

    @Test
    void list() {
        assertEquals(ABC, run(List.of("a", "b", "c")));
    }

    @Test
    void setKeepsItsIterationOrder() {
        assertEquals(ABC, run(new LinkedHashSet<>(List.of("a", "b", "c"))));
    }

    @Test
    void objectArray() {
        assertEquals(ABC, run(new String[] { "a", "b", "c" }));
    }

    @Test
    void primitiveArrays() {
        assertEquals(ONE_TWO_THREE, run(new int[] { 1, 2, 3 }));
        assertEquals(ONE_TWO_THREE, run(new long[] { 1, 2, 3 }));
        assertEquals(List.of("<a>", "<b>"), run(new char[] { 'a', 'b' }));
    }

    @Test
    void iterableThatIsNotACollection() {
        Iterable<String> iterable = () -> List.of("a", "b", "c").iterator();
        assertEquals(ABC, run(iterable));
    }

    @Test
    void iterator() {
        Iterator<String> iterator = List.of("a", "b", "c").iterator();
        assertEquals(ABC, run(iterator));
    }

    @Test
    void streams() {
        assertEquals(ABC, run(Stream.of("a", "b", "c")));
        assertEquals(ONE_TWO_THREE, run(IntStream.rangeClosed(1, 3)));
    }

    @Test
    void nullItemsAreItemsToo() {
        assertEquals(List.of("<a>", "<null>"), run(Arrays.asList("a", null)));
    }

    @Test
    void emptyBatchGivesEmptyList() {
        Exchange out = TestContexts.send(context, "direct:in", List.of());
        assertEquals(List.of(), out.getMessage().getBody());
        assertEquals(0, out.getMessage().getHeader(ParallelConstants.SIZE));
        assertEquals(List.of(), run(new int[0]));
    }
}
