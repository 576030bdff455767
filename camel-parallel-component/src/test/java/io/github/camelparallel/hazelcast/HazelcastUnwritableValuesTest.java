package io.github.camelparallel.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On {@code backend=hazelcast}: a value Jackson cannot write (a list that contains itself, a bean
 * whose getter throws, a list nested 5,000 deep) fails its own item alone, with an error naming the value's type; the
 * other items of the same chunk keep their results, and the pool still serves. Real embedded member.
 */
class HazelcastUnwritableValuesTest {

    /**
     * n → 10n, except 1 (a list containing itself), 4 (a bean Jackson cannot write), 102 (a list 5,000 deep) and 6
     * (the member's thread: Jackson writes a Thread as the map of its bean properties, so it is no failure).
     */
    public static class UnwritableResults implements Function<Integer, Object> {
        @Override
        public Object apply(Integer n) {
            return switch (n) {
                case 1 -> selfContaining();
                case 4 -> new Unwritable();
                case 6 -> Thread.currentThread();
                case 102 -> nested(5_000);
                default -> n * 10;
            };
        }
    }

    /** A bean whose only property cannot be read: Jackson refuses to write it. */
    public static class Unwritable {
        public String getValue() {
            throw new IllegalStateException("this property cannot be read");
        }
    }

    /** Returns its item as it came. */
    public static class Echo implements Function<Object, Object> {
        @Override
        public Object apply(Object item) {
            return item;
        }
    }

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    static List<Object> selfContaining() {
        List<Object> list = new ArrayList<>();
        list.add("x");
        list.add(list);
        return list;
    }

    static List<Object> nested(int depth) {
        List<Object> list = new ArrayList<>();
        for (int i = 1; i < depth; i++) {
            List<Object> outer = new ArrayList<>();
            outer.add(list);
            list = outer;
        }
        return list;
    }

    private void start(Class<?> task) throws Exception {
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:unwritable?backend=hazelcast"
                + "&poolSize=1&chunkSize=6&onError=collect&task=#class:" + task.getName()));
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, Throwable> errors(Exchange out) {
        Map<Integer, Throwable> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertNotNull(errors, "no item failed");
        return errors;
    }

    private static void assertNames(Throwable error, String... fragments) {
        assertNotNull(error);
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append(" | ");
        }
        for (String fragment : fragments) {
            assertTrue(text.toString().contains(fragment), "'" + fragment + "' not in: " + text);
        }
    }

    private static List<?> body(Exchange out) {
        assertNull(out.getException(), () -> "batch failed: " + out.getException());
        return out.getMessage().getBody(List.class);
    }

    @Test
    void twoUnwritableResultsInAChunkOfSixFailAloneAndTheFourGoodOnesComeBack() throws Exception {
        start(UnwritableResults.class);
        Exchange out = TestContexts.send(context, "direct:in", List.of(0, 1, 2, 3, 4, 5));
        List<Object> expected = new ArrayList<>(List.of(0, 10, 20, 30, 40, 50));
        expected.set(1, null);
        expected.set(4, null);
        assertEquals(expected, body(out));
        Map<Integer, Throwable> errors = errors(out);
        assertEquals(java.util.Set.of(1, 4), errors.keySet());
        assertNames(errors.get(1), "java.util.ArrayList");
        assertNames(errors.get(4), Unwritable.class.getName(), "this property cannot be read");
        assertEquals(2, out.getMessage().getHeader(ParallelConstants.FAILED_COUNT));
        // the pool still serves
        assertEquals(List.of(0, 20, 30, 50, 70), body(TestContexts.send(context, "direct:in", List.of(0, 2, 3, 5, 7))));
    }

    @Test
    void aThreadResultFailsAloneNamingItsTypeBecauseItWouldNotComeBackAThread() throws Exception {
        // Jackson writes a Thread as a map of its bean properties, which would reach the route as a Map: a different
        // value, so the member refuses it (the rule: exactly, or the item fails naming the type)
        start(UnwritableResults.class);
        Exchange out = TestContexts.send(context, "direct:in", List.of(5, 6, 7));
        assertEquals(java.util.Arrays.asList(50, null, 70), body(out));
        Map<Integer, Throwable> errors = errors(out);
        assertEquals(java.util.Set.of(1), errors.keySet());
        assertNames(errors.get(1), "Thread", "would not arrive equal"); // the task returns its own (Hazelcast) thread
    }

    @Test
    void aResultNestedFiveThousandDeepFailsAlone() throws Exception {
        start(UnwritableResults.class);
        Exchange out = TestContexts.send(context, "direct:in", List.of(100, 101, 102, 103, 104, 105));
        assertEquals(java.util.Arrays.asList(1000, 1010, null, 1030, 1040, 1050), body(out));
        Map<Integer, Throwable> errors = errors(out);
        assertEquals(java.util.Set.of(2), errors.keySet());
        assertNames(errors.get(2), "java.util.ArrayList");
        assertEquals(List.of(0, 20, 30), body(TestContexts.send(context, "direct:in", List.of(0, 2, 3))));
    }

    @Test
    void itemsTheParentCannotWriteFailAloneNamingTheirType() throws Exception {
        start(Echo.class);
        List<Object> batch = new ArrayList<>(List.of(0, 1, "two", 3, 4, 5));
        batch.set(1, selfContaining());
        batch.set(4, nested(5_000));
        Exchange out = TestContexts.send(context, "direct:in", batch);
        assertEquals(java.util.Arrays.asList(0, null, "two", 3, null, 5), body(out));
        Map<Integer, Throwable> errors = errors(out);
        assertEquals(java.util.Set.of(1, 4), errors.keySet());
        assertNames(errors.get(1), "Item 1", "java.util.ArrayList");
        assertNames(errors.get(4), "Item 4", "java.util.ArrayList");
    }
}
