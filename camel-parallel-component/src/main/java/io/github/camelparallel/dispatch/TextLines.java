package io.github.camelparallel.dispatch;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of a text input as a lazy iterator: one line is read per {@link #next()} (plus the reader's own
 * buffer), never the whole input, so a file larger than memory is a batch like any other. Line terminators are
 * those of {@link BufferedReader#readLine()}. A read error surfaces as an {@link UncheckedIOException} naming the
 * input and the line number. Not thread-safe: used by one puller at a time; {@link #close()} may come from any
 * thread.
 */
final class TextLines implements Iterator<Object>, Closeable {

    private final BufferedReader reader;
    private final String name;
    private String nextLine;
    private boolean ended;
    private long lineNumber;

    TextLines(BufferedReader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    @Override
    public boolean hasNext() {
        if (nextLine != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        try {
            nextLine = reader.readLine();
        } catch (IOException e) {
            ended = true;
            throw new UncheckedIOException("reading line " + (lineNumber + 1) + " of " + name + " failed: " + e, e);
        }
        if (nextLine == null) {
            ended = true;
            return false;
        }
        return true;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more lines in " + name);
        }
        String line = nextLine;
        nextLine = null;
        lineNumber++;
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
