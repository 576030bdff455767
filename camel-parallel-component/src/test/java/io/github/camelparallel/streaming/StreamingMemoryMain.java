package io.github.camelparallel.streaming;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * A small-heap JVM for {@link StreamingMemoryTest}: streams {@code args[0]} items, generated on the fly, through
 * {@code parallel:} with {@code streaming=true}, sums the cubed results as they come and prints {@code SUM <n> <sum>}.
 */
public final class StreamingMemoryMain {

    private StreamingMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        long items = Long.parseLong(args[0]);
        Function<Integer, Long> cube = n -> (long) n * n * n;
        CamelContext context = TestContexts.started(Map.of("cube", cube), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("parallel:memory?task=#cube&poolSize=2&streaming=true").process(e -> {
                    Iterator<?> results = e.getMessage().getBody(Iterator.class);
                    long count = 0;
                    long sum = 0;
                    while (results.hasNext()) {
                        sum += (Long) results.next();
                        count++;
                    }
                    e.getMessage().setBody(count + " " + sum);
                });
            }
        });
        try {
            Object out = context.createProducerTemplate().requestBody("direct:in", numbers(items));
            System.out.println("SUM " + out);
        } finally {
            context.stop();
        }
    }

    /** 0, 1, ... items - 1 (mod 1000, so the sum stays in a long), made as they are read, never held. */
    static Iterator<Integer> numbers(long items) {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < items;
            }

            @Override
            public Integer next() {
                if (next >= items) {
                    throw new NoSuchElementException();
                }
                return (int) (next++ % 1000);
            }
        };
    }
}
