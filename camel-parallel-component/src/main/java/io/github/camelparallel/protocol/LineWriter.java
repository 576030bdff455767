package io.github.camelparallel.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes frames to the other process's stream as protocol lines: {@code encode(frame) + "\n"} in UTF-8, flushed at
 * once, so the peer sees every frame as soon as it is written.
 * <p>
 * Thread-safe: {@link #write} is synchronized, so frames written from several threads never interleave inside a line.
 * The writer never closes the stream; its owner does.
 */
public final class LineWriter {

    private final OutputStream out;
    private final FrameCodec codec;

    public LineWriter(OutputStream out) {
        this(out, FrameCodec.SHARED);
    }

    public LineWriter(OutputStream out, FrameCodec codec) {
        this.out = Objects.requireNonNull(out, "out");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Writes one frame as one line and flushes. Encoding happens before the lock is taken; only the write itself is
     * serialized.
     *
     * @return the number of bytes written, newline included
     * @throws IOException when the stream fails (typically: the other process is gone)
     */
    public int write(Frame frame) throws IOException {
        return writeLine(codec.encodeLine(frame));
    }

    /** Writes one line encoded beforehand (newline included, e.g. by {@link FrameCodec#encodeRunLine}) and flushes. */
    public int writeLine(byte[] line) throws IOException {
        synchronized (this) {
            out.write(line);
            out.flush();
        }
        return line.length;
    }
}
