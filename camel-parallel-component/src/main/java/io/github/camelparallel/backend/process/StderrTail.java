package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pumps a worker's stderr: every line is logged with the pool name and worker id, and the last lines are kept for the
 * message of a crash. Lines are cut at {@value #MAX_LINE} characters, so a worker cannot grow the parent's memory.
 * The JVM's own log lines that arrive on the worker's stdout ({@link JvmLogLine}) are handed in by the stdout reader
 * ({@link #jvmLogOnStdout}) and treated the same way.
 * Thread-safe: the pump thread and the stdout reader write (the kept lines under {@code this}), any thread reads
 * {@link #lastLines()}; {@link #awaitEnd} lets the thread that saw the worker exit wait until its last lines are in
 * before it explains the crash with them.
 */
final class StderrTail {

    private static final Logger LOG = LoggerFactory.getLogger(StderrTail.class);
    static final int MAX_LINE = 8192;
    private static final int KEEP = 20;

    private final String poolName;
    private final int workerId;
    private final ArrayDeque<String> last = new ArrayDeque<>(); // guarded by this
    private final CountDownLatch ended = new CountDownLatch(1);

    StderrTail(String poolName, int workerId) {
        this.poolName = poolName;
        this.workerId = workerId;
    }

    /** Reads until EOF; runs on an I/O thread of the pool. */
    void pump(InputStream stderr) {
        try (Reader reader = new InputStreamReader(stderr, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = reader.read()) != -1) {
                if (c == '\n') {
                    emit(line);
                } else if (line.length() < MAX_LINE) {
                    line.append((char) c);
                }
            }
            if (line.length() > 0) {
                emit(line);
            }
        } catch (IOException e) {
            LOG.debug("[{}] worker {}: stderr closed: {}", poolName, workerId, e.toString());
        } finally {
            ended.countDown();
        }
    }

    /** Waits at most {@code millis} for the end of stderr (a process that exited closes it at once). */
    void awaitEnd(long millis) throws InterruptedException {
        ended.await(millis, TimeUnit.MILLISECONDS);
    }

    private void emit(StringBuilder line) {
        String text = line.toString().stripTrailing();
        line.setLength(0);
        LOG.info("[{}] worker {}: {}", poolName, workerId, text);
        keep(text);
    }

    /**
     * A line of the JVM's unified logging read from the worker's stdout: logged at WARN for the JVM's warning and error
     * levels, at INFO otherwise, and kept with the stderr lines for the message of a crash.
     */
    void jvmLogOnStdout(String line, String level) {
        String text = (line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line).stripTrailing();
        if (JvmLogLine.isWarning(level)) {
            LOG.warn("[{}] worker {} (JVM log on stdout): {}", poolName, workerId, text);
        } else {
            LOG.info("[{}] worker {} (JVM log on stdout): {}", poolName, workerId, text);
        }
        keep(text);
    }

    private void keep(String text) {
        synchronized (this) {
            if (last.size() == KEEP) {
                last.removeFirst();
            }
            last.addLast(text);
        }
    }

    synchronized List<String> lastLines() {
        return new ArrayList<>(last);
    }
}
