package io.github.camelparallel.worker;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Task and initializer classes for the worker tests, loaded by name in child JVMs ({@code --task
 * io.github.camelparallel.worker.TestTasks$Cube}) and used in-process.
 */
public final class TestTasks {

    private TestTasks() {
    }

    /** n → n³ as a long; throws for 13 (an item that fails alone). */
    public static class Cube implements Function<Integer, Long> {
        @Override
        public Long apply(Integer n) {
            if (n == 13) {
                throw new IllegalArgumentException("unlucky " + n);
            }
            return (long) n * n * n;
        }
    }

    /** A record item type, converted from a JSON object. */
    public record Point(int x, int y) {
    }

    /** A record result type. */
    public record Polar(double radius, String label) {
    }

    public static class PointTask implements Function<Point, Polar> {
        @Override
        public Polar apply(Point p) {
            return new Polar(Math.hypot(p.x(), p.y()), p.x() + "," + p.y());
        }
    }

    /** The input type comes through a generic superclass. */
    public abstract static class Labelled<T> implements Function<T, String> {
        @Override
        public String apply(T value) {
            return label() + ":" + value.getClass().getSimpleName() + ":" + value;
        }

        abstract String label();
    }

    public static class LabelledInteger extends Labelled<Integer> {
        @Override
        String label() {
            return "int";
        }
    }

    /** The input type comes through a generic interface that extends Function. */
    public interface ListFunction<E> extends Function<List<E>, Long> {
    }

    public static class SumOfLongs implements ListFunction<Long> {
        @Override
        public Long apply(List<Long> values) {
            long sum = 0;
            for (Long value : values) {
                sum += value; // a ClassCastException here would mean the elements were not converted to Long
            }
            return sum;
        }
    }

    /** Raw Function: items arrive as plain Jackson types. */
    @SuppressWarnings("rawtypes")
    public static class RawEcho implements Function {
        @Override
        public Object apply(Object value) {
            return value == null ? "null" : value.getClass().getName();
        }
    }

    /** Prints to System.out (must end up on stderr) and returns its input. */
    public static class Printing implements Function<String, String> {
        @Override
        public String apply(String value) {
            System.out.println("printed by the task: " + value);
            System.out.flush();
            return value.toUpperCase();
        }
    }

    /** Sleeps for the item's milliseconds. */
    public static class Sleeping implements Function<Long, Long> {
        @Override
        public Long apply(Long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return millis;
        }
    }

    /** Returns a value Jackson cannot serialize for negative items. */
    public static class Unserializable implements Function<Integer, Object> {
        @Override
        public Object apply(Integer n) {
            return n < 0 ? new Object() : Map.of("n", n);
        }
    }

    /** Reports whether {@link MarkingInitializer} ran before the task was constructed. */
    public static class SeesInitializer implements Function<Object, String> {
        private final String seenAtConstruction = System.getProperty("test.worker.initialized", "no");

        @Override
        public String apply(Object ignored) {
            return seenAtConstruction;
        }
    }

    public static class MarkingInitializer implements Runnable {
        @Override
        public void run() {
            System.setProperty("test.worker.initialized", "yes");
            System.out.println("initializer output goes to stderr");
        }
    }

    public static class FailingInitializer implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("the initializer cannot reach its database");
        }
    }

    public static class NoNoArgConstructor implements Function<String, String> {
        public NoNoArgConstructor(String prefix) {
        }

        @Override
        public String apply(String value) {
            return value;
        }
    }

    public static class NotAFunction {
    }

    public static class ThrowingConstructor implements Function<String, String> {
        public ThrowingConstructor() {
            throw new IllegalStateException("constructor refuses");
        }

        @Override
        public String apply(String value) {
            return value;
        }
    }
}
