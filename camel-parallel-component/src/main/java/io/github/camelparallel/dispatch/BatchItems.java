package io.github.camelparallel.dispatch;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.stream.BaseStream;

/**
 * Turns a message body into the list of items of a batch, or refuses it with an error naming its type.
 * <p>
 * A batch is a {@code Collection}, an object or primitive array, an {@code Iterable}, an {@code Iterator} or a
 * {@code java.util.stream} stream. Anything else is refused rather than guessed at: a {@code String} is never split
 * on commas, a {@code Map} or a lone object is not a batch of one. Stateless and thread-safe.
 */
public final class BatchItems {

    private BatchItems() {
    }

    /**
     * @throws IllegalArgumentException naming the body's type when it is null or not a batch
     */
    public static List<Object> toList(Object body, String poolName) {
        if (body == null) {
            throw notABatch(poolName, "null", "the body is null");
        }
        if (body instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (body instanceof Object[] array) {
            return new ArrayList<>(Arrays.asList(array));
        }
        if (body.getClass().isArray()) {
            int n = Array.getLength(body);
            List<Object> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(Array.get(body, i));
            }
            return items;
        }
        if (body instanceof Path) {
            throw notABatch(poolName, body.getClass().getName(), "a path is not read as a batch of its name elements");
        }
        if (body instanceof Iterable<?> iterable) {
            return drain(iterable.iterator());
        }
        if (body instanceof Iterator<?> iterator) {
            return drain(iterator);
        }
        if (body instanceof BaseStream<?, ?> stream) {
            try (stream) {
                return drain(stream.iterator());
            }
        }
        throw notABatch(poolName, body.getClass().getName(), "it is not a Collection, array, Iterable, Iterator or Stream");
    }

    private static List<Object> drain(Iterator<?> iterator) {
        List<Object> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }

    private static IllegalArgumentException notABatch(String poolName, String type, String why) {
        return new IllegalArgumentException("parallel:" + poolName + " needs a batch as the message body, got "
                + type + ": " + why + ". Send a List, array, Iterable, Iterator or Stream of items.");
    }
}
