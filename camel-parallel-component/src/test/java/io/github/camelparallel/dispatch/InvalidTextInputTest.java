package io.github.camelparallel.dispatch;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One rule for text bodies. Bytes that are not valid in the charset fail the batch with
 * a MalformedInputException naming the input, whether the text comes as a File or as an InputStream (which used to
 * turn them into U+FFFD). The line number in the message is the line being read when the decoder, which reads ahead
 * by a buffer, met the bytes: at or before the bad line, not necessarily on it.
 */
class InvalidTextInputTest {

    private static final byte[] INVALID_ON_LINE_2 = { 'o', 'k', '\n', 'b', 'a', (byte) 0xC3, (byte) 0x28, '\n', 'z' };

    @Test
    void anInputStreamWithInvalidUtf8FailsNamingTheLine() {
        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> BatchItems.toList(
                new ByteArrayInputStream(INVALID_ON_LINE_2), "t", StandardCharsets.UTF_8));
        assertTrue(error.getMessage().contains("of the input stream failed"), error.getMessage());
        assertInstanceOf(MalformedInputException.class, error.getCause());
    }

    @Test
    void aFileWithInvalidUtf8FailsTheSameWay(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("bad.txt"), INVALID_ON_LINE_2);
        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> BatchItems.toList(
                file, "t", StandardCharsets.UTF_8));
        assertTrue(error.getMessage().contains("of file " + file), error.getMessage());
        assertInstanceOf(MalformedInputException.class, error.getCause());
    }

    @Test
    void validTextStillReadsLineByLine() {
        assertEquals(List.of("ok", "é"), BatchItems.toList(new ByteArrayInputStream("ok\né".getBytes(StandardCharsets.UTF_8)),
                "t", StandardCharsets.UTF_8));
    }
}
