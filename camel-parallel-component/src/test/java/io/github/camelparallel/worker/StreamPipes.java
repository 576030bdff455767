package io.github.camelparallel.worker;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** In-memory stand-ins for a worker's stdin and stdout, for in-process loop tests. */
final class StreamPipes {

    private StreamPipes() {
    }

    /** A blocking input stream fed line by line; {@link #close()} is the end of the stream. */
    static final class Input extends InputStream {
        private static final byte[] EOF = new byte[0];
        private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current;
        private int pos;
        private boolean ended;

        void send(String text) {
            chunks.add(text.getBytes(StandardCharsets.UTF_8));
        }

        void sendLine(String line) {
            send(line + "\n");
        }

        @Override
        public void close() {
            chunks.add(EOF);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            if (ended) {
                return -1;
            }
            while (current == null || pos == current.length) {
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                pos = 0;
                if (current == EOF) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** An output stream that hands out complete lines. */
    static final class Lines extends OutputStream {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            } else {
                partial.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        /** The next complete line, or null after the timeout. */
        String next(Duration timeout) throws InterruptedException {
            return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        boolean isEmpty() {
            return lines.isEmpty() && partial.size() == 0;
        }
    }
}
