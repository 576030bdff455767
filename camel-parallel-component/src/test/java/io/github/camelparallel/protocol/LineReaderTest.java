package io.github.camelparallel.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Line splitting with a hard byte limit: CRLF, end of stream, UTF-8, and never unbounded buffering. */
class LineReaderTest {

    private static LineReader reader(String text, int max) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void splitsOnNewlineAndToleratesCrlf() throws IOException {
        LineReader reader = reader("one\ntwo\r\n\r\nthree\rfour\n", 100);
        assertEquals("one", reader.readLine());
        assertEquals("two", reader.readLine());
        assertEquals("", reader.readLine(), "an empty line is a line (the codec rejects it)");
        assertEquals("three\rfour", reader.readLine(), "a lone \\r inside a line is kept");
        assertNull(reader.readLine());
        assertNull(reader.readLine(), "end of stream stays end of stream");
    }

    @Test
    void endOfStream() throws IOException {
        assertNull(reader("", 10).readLine(), "an empty stream has no line");
        LineReader endsWithNewline = reader("a\n", 10);
        assertEquals("a", endsWithNewline.readLine());
        assertNull(endsWithNewline.readLine(), "no extra empty line after a final newline");
        LineReader unterminated = reader("a\nlast", 10);
        assertEquals("a", unterminated.readLine());
        assertEquals("last", unterminated.readLine(), "a final line without newline is still a line");
        assertNull(unterminated.readLine());
        LineReader crAtEnd = reader("last\r", 10);
        assertEquals("last", crAtEnd.readLine());
        assertNull(crAtEnd.readLine());
    }

    @Test
    void decodesUtf8AndCountsBytesNotChars() throws IOException {
        String text = "\u00e9\u4e2d\ud83d\ude00"; // 2 + 3 + 4 bytes
        assertEquals(text, reader(text + "\n", 9).readLine());
        ProtocolException e = assertThrows(ProtocolException.class, () -> reader(text + "\n", 8).readLine());
        assertEquals("line over 8 bytes", e.getMessage());
    }

    @Test
    void limitIsExactAndExcludesTheTerminator() throws IOException {
        assertEquals("12345", reader("12345\n", 5).readLine());
        assertEquals("12345", reader("12345\r\n", 5).readLine(), "the \\r of \\r\\n is a terminator, not content");
        assertEquals("12345", reader("12345", 5).readLine());
        assertEquals("over 5", assertThrows(ProtocolException.class, () -> reader("123456\n", 5).readLine()).getMessage()
                .replace("line ", "").replace(" bytes", ""));
        assertThrows(ProtocolException.class, () -> reader("12345\rx\n", 5).readLine(), "a \\r not followed by \\n");
        assertThrows(ProtocolException.class, () -> reader("123456", 5).readLine(), "also at end of stream");
        LineReader second = reader("ok\n" + "x".repeat(6) + "\n", 5);
        assertEquals("ok", second.readLine());
        assertThrows(ProtocolException.class, second::readLine);
    }

    @Test
    void oneMegabyteLineWithOneKilobyteLimitFailsFastWithBoundedBuffering() {
        byte[] megabyte = new byte[1 << 20];
        java.util.Arrays.fill(megabyte, (byte) 'x');
        megabyte[megabyte.length - 1] = '\n';
        CountingStream counting = new CountingStream(new ByteArrayInputStream(megabyte));
        LineReader reader = new LineReader(counting, 1024);
        ProtocolException e = assertThrows(ProtocolException.class, reader::readLine);
        assertEquals("line over 1024 bytes", e.getMessage());
        assertTrue(counting.consumed.get() <= 1024 + 1 + LineReader.READ_CHUNK,
                "read " + counting.consumed.get() + " bytes before failing");
        assertThrows(IllegalStateException.class, reader::readLine, "a failed reader stays failed");
    }

    @Test
    void endlessStreamWithoutNewlineFailsInsteadOfGrowing() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'z';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'z');
                return len;
            }
        };
        LineReader reader = new LineReader(endless, 4 << 20);
        ProtocolException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(ProtocolException.class, reader::readLine));
        assertEquals("line over 4194304 bytes", e.getMessage());
    }

    @Test
    void invalidUtf8IsAProtocolError() {
        byte[] bytes = { 'o', 'k', (byte) 0xff, (byte) 0xfe, '\n' };
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new LineReader(new ByteArrayInputStream(bytes), 100).readLine());
        assertTrue(e.getMessage().startsWith("line is not valid UTF-8"), e.getMessage());
    }

    @Test
    void readsLinesAsBytesWithTheSameChecks() throws IOException {
        LineReader reader = reader("caf\u00e9\r\nab\n\nlast", 5);
        assertArrayEquals("caf\u00e9".getBytes(StandardCharsets.UTF_8), reader.readLineBytes());
        assertEquals("ab", reader.readLine(), "bytes and text mix on one reader");
        assertArrayEquals(new byte[0], reader.readLineBytes());
        assertArrayEquals("last".getBytes(StandardCharsets.UTF_8), reader.readLineBytes());
        assertNull(reader.readLineBytes());

        byte[] bad = { 'a', (byte) 0xC3, '(', '\n' };
        LineReader invalid = new LineReader(new ByteArrayInputStream(bad), 100);
        ProtocolException e = assertThrows(ProtocolException.class, invalid::readLineBytes);
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        assertThrows(IllegalStateException.class, invalid::readLineBytes, "a failed reader stays failed");
        assertThrows(LineTooLongException.class, () -> reader("abcdef\n", 5).readLineBytes());
    }

    @Test
    void readsLinesSplitAcrossManySmallReads() throws IOException {
        String text = "{\"type\":\"run\",\"id\":1,\"items\":[1,2,3]}\r\n" + "x".repeat(20_000) + "\nend";
        InputStream trickle = new InputStream() {
            private final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            private int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                int n = Math.min(3, Math.min(len, bytes.length - pos));
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        LineReader reader = new LineReader(trickle, 20_000);
        assertEquals("{\"type\":\"run\",\"id\":1,\"items\":[1,2,3]}", reader.readLine());
        assertEquals("x".repeat(20_000), reader.readLine());
        assertEquals("end", reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void rejectsANonsenseLimit() {
        assertThrows(IllegalArgumentException.class, () -> reader("", 0));
    }

    private static final class CountingStream extends InputStream {
        private final InputStream in;
        final AtomicLong consumed = new AtomicLong();

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                consumed.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                consumed.addAndGet(n);
            }
            return n;
        }
    }
}
