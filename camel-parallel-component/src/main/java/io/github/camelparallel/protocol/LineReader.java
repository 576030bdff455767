package io.github.camelparallel.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads the protocol's UTF-8 lines from the other process's stream with a hard limit on the line length, so that a
 * peer writing garbage without newlines can never make this side grow memory without bound.
 * <p>
 * Guarantees:
 * <ul>
 * <li>A line ends at {@code \n}; one {@code \r} right before it is dropped too ({@code \r\n} is tolerated).</li>
 * <li>The limit {@code maxLineBytes} counts the line's bytes without its terminator ({@code \n} or {@code \r\n}). A
 * longer line fails with a {@link LineTooLongException} ("line over N bytes") as soon as its N+1th byte arrives: at most
 * N+1 bytes of the line are ever buffered (plus one read buffer of {@value #READ_CHUNK} bytes), whatever the peer
 * sends.</li>
 * <li>Bytes that are not valid UTF-8 fail with a {@link ProtocolException}; they are never replaced silently.</li>
 * <li>{@link #readLine()} returns null at end of stream. A last line without a newline before the end of the stream is
 * still returned as a line (the next call returns null): a peer that dies after writing a complete frame without its
 * newline has still said it. An empty stream, or a stream ending right after a newline, yields no extra empty
 * line.</li>
 * <li>After a {@link ProtocolException} or an {@link IOException} the reader is failed: every later call throws
 * {@link IllegalStateException}. There is no resynchronising inside a broken stream; the protocol's answer is to end
 * the conversation (kill the worker, or exit).</li>
 * </ul>
 * Not thread-safe: one thread reads a stream. States: READING → (end of stream: EOF, every call returns null) or
 * (error: FAILED).
 */
public final class LineReader {

    /** The largest {@code maxLineBytes} a reader takes (a Java array's practical bound). */
    public static final int MAX_LINE_BYTES = Integer.MAX_VALUE - 16;

    static final int READ_CHUNK = 8192;
    private static final int SHRINK_ABOVE = 1 << 20;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[READ_CHUNK];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean eof;
    private boolean failed;

    /**
     * @param in           the stream; the reader does its own buffering, so it need not be buffered
     * @param maxLineBytes the longest accepted line in bytes, without its terminator; at least 1
     */
    public LineReader(InputStream in, int maxLineBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxLineBytes < 1 || maxLineBytes > MAX_LINE_BYTES) {
            throw new IllegalArgumentException("maxLineBytes must be between 1 and " + MAX_LINE_BYTES + ": "
                    + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** The limit this reader enforces. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /**
     * The next line without its terminator, or null at end of stream. Blocks until a whole line, the end of the stream
     * or an error arrives.
     *
     * @throws ProtocolException when the line is over the limit or not UTF-8
     * @throws IOException       when the stream fails
     */
    public String readLine() throws IOException {
        if (!readUntilLineEnd()) {
            return null;
        }
        int length = validLength();
        // the usual protocol line is ASCII, which maps byte for byte: a plain copy decodes it
        String text = isAscii(line, length) ? new String(line, 0, length, StandardCharsets.ISO_8859_1)
                : new String(line, 0, length, StandardCharsets.UTF_8);
        release();
        return text;
    }

    /**
     * {@link #readLine()} as the line's bytes (valid UTF-8, without its terminator), for a parser that reads bytes:
     * the same limits, checks and states.
     */
    public byte[] readLineBytes() throws IOException {
        if (readUntilLineEnd()) {
            byte[] bytes = Arrays.copyOf(line, validLength());
            release();
            return bytes;
        }
        return null;
    }

    /** True when a line is in the buffer; false at end of stream. */
    private boolean readUntilLineEnd() throws IOException {
        if (failed) {
            throw new IllegalStateException("the reader failed before; the stream cannot be read further");
        }
        if (eof) {
            return false;
        }
        try {
            return nextLine();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private boolean nextLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (chunkPos == chunkEnd) {
                int n = in.read(chunk, 0, chunk.length);
                if (n < 0) {
                    eof = true;
                    return lineLength > 0;
                }
                chunkPos = 0;
                chunkEnd = n;
                continue;
            }
            int newline = indexOfNewline(chunkPos, chunkEnd);
            int end = newline < 0 ? chunkEnd : newline;
            append(chunkPos, end - chunkPos);
            if (newline >= 0) {
                chunkPos = newline + 1;
                return true;
            }
            chunkPos = chunkEnd;
        }
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Appends bytes of the current line. The buffer may hold maxLineBytes + 1 bytes only while the last of them is a
     * {@code \r} that a {@code \n} may still turn into a terminator; any other byte beyond the limit fails at once.
     */
    private void append(int from, int length) throws ProtocolException {
        if (length == 0) {
            return;
        }
        long newLength = (long) lineLength + length;
        if (newLength > maxLineBytes + 1L
                || (newLength == maxLineBytes + 1L && chunk[from + length - 1] != '\r')) {
            throw new LineTooLongException(maxLineBytes);
        }
        if (newLength > line.length) {
            long grown = Math.max(newLength, Math.min((long) line.length * 2, maxLineBytes + 1L));
            line = Arrays.copyOf(line, (int) grown);
        }
        System.arraycopy(chunk, from, line, lineLength, length);
        lineLength = (int) newLength;
    }

    /**
     * The length of the line in the buffer without its {@code \r}, once checked against the limit and for UTF-8
     * (a failure here fails the reader, as in {@link #readUntilLineEnd}).
     */
    private int validLength() throws ProtocolException {
        try {
            int length = lineLength;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            if (length > maxLineBytes) {
                throw new LineTooLongException(maxLineBytes);
            }
            if (!isAscii(line, length)) {
                checkUtf8(length);
            }
            return length;
        } catch (ProtocolException e) {
            failed = true;
            throw e;
        }
    }

    /** Forgets the line read; a huge buffer is not kept alive after one huge line. */
    private void release() {
        lineLength = 0;
        if (line.length > SHRINK_ABOVE) {
            line = new byte[256];
        }
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void checkUtf8(int length) throws ProtocolException {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, length));
        } catch (CharacterCodingException e) {
            throw new ProtocolException("line is not valid UTF-8 (" + e + "): "
                    + FrameCodec.cut(new String(line, 0, Math.min(length, FrameCodec.MAX_CUT * 4),
                            StandardCharsets.UTF_8)));
        }
    }
}
