package io.github.camelparallel.reliability;

import java.util.function.Function;

/**
 * The one task of the bad-input table, on every backend (a public class with a public no-arg constructor, so a worker
 * JVM or a Hazelcast member runs exactly what a pool thread runs). What it does is written in the item:
 * <ul>
 * <li>{@code null} → {@code "null!"}; a String of more than a million characters → its length (an Integer);</li>
 * <li>{@code "error"} throws an {@link AssertionError} (an {@code Error}, not an exception);</li>
 * <li>{@code "stack-overflow"} recurses until a real {@link StackOverflowError};</li>
 * <li>{@code "oom"} asks the JVM for an array larger than it can ever give: a real {@link OutOfMemoryError} thrown by
 * the VM, at once, without filling the heap of the JVM running the test;</li>
 * <li>{@code "unserializable-result"} returns an object Jackson cannot write (it refers to itself);</li>
 * <li>{@code "exit:N"} calls {@code System.exit(N)};</li>
 * <li>any other String {@code s} → {@code s + "!"}; any other object → its {@code toString() + "!"}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public class BadInputTask implements Function<Object, Object> {

    /** Jackson cannot write it: its getter returns itself (a direct self-reference). */
    public static final class SelfReferencing {
        public SelfReferencing getSelf() {
            return this;
        }
    }

    @Override
    public Object apply(Object item) {
        if (item == null) {
            return "null!";
        }
        if (!(item instanceof String text)) {
            return item + "!";
        }
        if (text.length() > 1_000_000) {
            return text.length();
        }
        if (text.startsWith("exit:")) {
            System.exit(Integer.parseInt(text.substring(5)));
        }
        switch (text) {
            case "error":
                throw new AssertionError("an Error thrown by the task for item 'error'");
            case "stack-overflow":
                return recurse(0);
            case "oom":
                long[] impossible = new long[Integer.MAX_VALUE];
                return impossible.length;
            case "unserializable-result":
                return new SelfReferencing();
            default:
                return text + "!";
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
