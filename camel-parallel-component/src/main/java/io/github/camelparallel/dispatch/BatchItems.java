package io.github.camelparallel.dispatch;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.stream.BaseStream;

/**
 * Turns a message body into the items of a batch, or refuses it with an error naming its type.
 * <p>
 * A batch is a {@code Collection}, an object or primitive array, an {@code Iterable}, an {@code Iterator}, a
 * {@code java.util.stream} stream, or text read line by line: a {@code File}, a {@code Path}, an
 * {@code InputStream} (decoded with the given charset) or a {@code Reader}. Anything else is refused rather than
 * guessed at: a {@code String} is never split on commas, a {@code Map} or a lone object is not a batch of one.
 * <p>
 * In-memory mode ({@link #toList}) reads a random-access {@code List} in place (it must not change while its batch
 * runs), copies any other input into a list (and closes a stream or text input after reading it);
 * streaming mode ({@link #lazy}) reads nothing until the dispatcher pulls, and closes the input when it ends or the
 * batch stops. Stateless and thread-safe.
 */
public final class BatchItems {

    private BatchItems() {
    }

    /**
     * The whole batch as a list.
     *
     * @throws IllegalArgumentException naming the body's type when it is null or not a batch
     * @throws UncheckedIOException naming the file when a text input cannot be read
     */
    @SuppressWarnings("unchecked")
    public static List<Object> toList(Object body, String poolName, Charset charset) {
        if (body instanceof List<?> list && list instanceof RandomAccess) {
            return (List<Object>) list; // read in place: chunks are views of it (the exchange waits for the batch)
        }
        if (body instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (body instanceof Object[] array) {
            return new ArrayList<>(Arrays.asList(array));
        }
        BatchSource source = lazy(body, poolName, charset);
        try (source) {
            List<Object> items = new ArrayList<>();
            for (List<Object> part = source.pull(8192); !part.isEmpty(); part = source.pull(8192)) {
                items.addAll(part);
            }
            return items;
        }
    }

    /** Whether the body is held in memory already (a Collection or an array): reading it cannot block. */
    public static boolean isInMemory(Object body) {
        return body instanceof Collection<?> || (body != null && body.getClass().isArray());
    }

    /** The whole batch as a list; text inputs are read as UTF-8. */
    public static List<Object> toList(Object body, String poolName) {
        return toList(body, poolName, StandardCharsets.UTF_8);
    }

    /**
     * The batch as a lazy source: nothing is read yet.
     *
     * @throws IllegalArgumentException naming the body's type when it is null or not a batch
     * @throws UncheckedIOException naming the file when a file cannot be opened
     */
    public static BatchSource lazy(Object body, String poolName, Charset charset) {
        if (body == null) {
            throw notABatch(poolName, "null", "the body is null");
        }
        if (body instanceof Collection<?> c) {
            return BatchSource.lazy(poolName, c.iterator(), null);
        }
        if (body instanceof Object[] array) {
            return BatchSource.lazy(poolName, Arrays.asList(array).iterator(), null);
        }
        if (body.getClass().isArray()) {
            return BatchSource.lazy(poolName, primitives(body), null);
        }
        if (body instanceof Path path) {
            return lines(path, poolName, charset);
        }
        if (body instanceof File file) {
            return lines(file.toPath(), poolName, charset);
        }
        if (body instanceof InputStream in) {
            // strict, as Files.newBufferedReader is for a File: invalid bytes fail naming the line, never become U+FFFD
            return lines(new InputStreamReader(in, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)), "the input stream", poolName);
        }
        if (body instanceof Reader reader) {
            return lines(reader, "the reader", poolName);
        }
        if (body instanceof Iterable<?> iterable) {
            return BatchSource.lazy(poolName, iterable.iterator(), iterable instanceof AutoCloseable a ? a : null);
        }
        if (body instanceof Iterator<?> iterator) {
            return BatchSource.lazy(poolName, iterator, iterator instanceof AutoCloseable a ? a : null);
        }
        if (body instanceof BaseStream<?, ?> stream) {
            return BatchSource.lazy(poolName, stream.iterator(), stream);
        }
        throw notABatch(poolName, body.getClass().getName(), "it is not a Collection, array, Iterable, Iterator, Stream,"
                + " File, Path, InputStream or Reader");
    }

    private static BatchSource lines(Path path, String poolName, Charset charset) {
        try {
            return lines(Files.newBufferedReader(path, charset), "file " + path, poolName);
        } catch (IOException e) {
            throw new UncheckedIOException("parallel:" + poolName + " cannot read the batch from file " + path + ": " + e, e);
        }
    }

    private static BatchSource lines(Reader reader, String name, String poolName) {
        BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        TextLines lines = new TextLines(buffered, name);
        return BatchSource.lazy(poolName, lines, lines);
    }

    private static Iterator<Object> primitives(Object array) {
        int length = Array.getLength(array);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < length;
            }

            @Override
            public Object next() {
                if (next >= length) {
                    throw new NoSuchElementException();
                }
                return Array.get(array, next++);
            }
        };
    }

    private static IllegalArgumentException notABatch(String poolName, String type, String why) {
        return new IllegalArgumentException("parallel:" + poolName + " needs a batch as the message body, got "
                + type + ": " + why + ". Send a List, array, Iterable, Iterator or Stream of items, or a text input"
                + " (File, Path, InputStream, Reader) to read line by line.");
    }
}
