package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.backend.process.WorkerProcess.Events;
import io.github.camelparallel.spi.ChunkThreads;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.LineReader;
import io.github.camelparallel.protocol.LineTooLongException;
import io.github.camelparallel.protocol.ProtocolException;

/**
 * The reader of one worker's stdout, on its own I/O thread: every line is a protocol frame handed to the pool, or a
 * line of the JVM's own unified logging ({@link JvmLogLine}), logged with the stderr lines; anything else is a
 * protocol break, reported once, after which nothing more is read. Never dies silently: whatever ends the reading
 * (end of stream, a break, a line over {@code maxMessageSize}, a bug, no memory for a line) is reported, so the
 * worker's run always gets an outcome. {@code readerDone} is counted down once every frame read has been handed over.
 */
final class WorkerOutput {

    private final WorkerProcess worker;
    private final Process process;
    private final FrameCodec codec;
    private final StderrTail stderr;
    private final CountDownLatch readerDone;

    WorkerOutput(WorkerProcess worker, Process process, FrameCodec codec, StderrTail stderr, CountDownLatch readerDone) {
        this.worker = worker;
        this.process = process;
        this.codec = codec;
        this.stderr = stderr;
        this.readerDone = readerDone;
    }

    /** On an I/O thread: reads the worker's stdout to its end, reporting what it reads to {@code events}. */
    void read(int maxMessageSize, Events events) {
        // a pool-owned thread: a batch completed from here hands the rest of its route to another thread, so this
        // reader goes straight back to reading (and a slow route step cannot delay this worker's answers)
        ChunkThreads.enter();
        try {
            if (readUntilEnd(maxMessageSize, events)) {
                awaitExitAfterStdout(events);
            }
        } finally {
            readerDone.countDown();
            ChunkThreads.exit();
        }
    }

    /** Stdout ended: the worker should be exiting; one that does not within a grace period is reported, to be killed. */
    private void awaitExitAfterStdout(Events events) {
        readerDone.countDown(); // its frames are all handed over: the exit report need not wait for this grace
        try {
            if (!process.waitFor(WorkerProcess.EXIT_AFTER_STDOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                events.stdoutClosed(worker);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads frames until the end of stdout (true) or a break already reported (false). */
    private boolean readUntilEnd(int maxMessageSize, Events events) {
        try {
            LineReader reader = new LineReader(process.getInputStream(), maxMessageSize);
            byte[] line;
            while ((line = reader.readLineBytes()) != null) {
                Frame frame;
                try {
                    frame = codec.decode(line);
                } catch (ProtocolException e) {
                    // the JVM's own log lines (JFR's start-up message) reach stdout whatever the -Xlog options say;
                    // they are never frames, so they are logged like stderr (checked only once a line is no frame)
                    String text = new String(line, StandardCharsets.UTF_8);
                    String jvmLogLevel = JvmLogLine.level(text);
                    if (jvmLogLevel != null) {
                        stderr.jvmLogOnStdout(text, jvmLogLevel);
                        continue;
                    }
                    events.protocolError(worker, e.getMessage());
                    return false;
                }
                events.frame(worker, frame);
            }
        } catch (LineTooLongException e) {
            events.lineTooLong(worker, e.limit());
            return false;
        } catch (ProtocolException e) {
            events.protocolError(worker, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // never a silent reader death: the worker's run would wait forever (the limit is checked at start, so
            // this is a bug, but the pool must still give every item an outcome)
            events.protocolError(worker, "the reader of this worker's output failed: " + e);
            return false;
        } catch (OutOfMemoryError e) {
            // a line this JVM has no room for (maxMessageSize above what the heap can spare): without this the reader
            // thread dies and the worker's run never gets an outcome; the line's buffer is garbage once we return
            events.protocolError(worker, "a line this JVM has no memory for (" + e.getMessage()
                    + "); lower maxMessageSize or give the JVM more heap");
            return false;
        } catch (IOException e) {
            // the stream broke: the process is going away; its exit is reported by reportExit
        }
        return true;
    }
}
