package io.github.camelparallel.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.LineReader;
import io.github.camelparallel.protocol.LineWriter;

/**
 * A real worker process for tests: stdin/stdout spoken through the protocol classes, stderr captured to a file.
 * Always {@link #close()}d: a process still alive then is killed.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path stderrFile;
    private final LineWriter writer;
    private final LineReader reader;

    private ChildProcess(List<String> command, Path workingDirectory) throws IOException {
        stderrFile = Files.createTempFile("camel-parallel-worker-", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderrFile.toFile());
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ beside the sources
        builder.environment().put("PYTHONPATH", io.github.camelparallel.testing.PythonModule.DIR.toString());
        process = builder.start();
        writer = new LineWriter(process.getOutputStream());
        reader = new LineReader(process.getInputStream(), 64 << 20);
    }

    /** A JVM worker: this JVM's java binary and classpath, {@code WorkerMain} with the given arguments. */
    static ChildProcess jvmWorker(String... args) throws IOException {
        return jvmWorker(List.of(), args);
    }

    /** {@link #jvmWorker(String...)} with JVM options of the test's own before the class name. */
    static ChildProcess jvmWorker(List<String> jvmOptions, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerMain.class.getName()));
        command.addAll(List.of(args));
        return new ChildProcess(command, null);
    }

    /** Any command, e.g. a Python worker. */
    static ChildProcess command(List<String> command, Path workingDirectory) throws IOException {
        return new ChildProcess(command, workingDirectory);
    }

    Process process() {
        return process;
    }

    void send(Frame frame) throws IOException {
        writer.write(frame);
    }

    void sendRaw(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** The next line from the worker's stdout, or null at its end. */
    String readLine() throws IOException {
        return reader.readLine();
    }

    Frame receive() throws IOException {
        String line = reader.readLine();
        if (line == null) {
            throw new IOException("the worker closed stdout; stderr:\n" + stderr());
        }
        return FrameCodec.SHARED.decode(line);
    }

    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** The exit code, failing when the process does not end in time. */
    int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the worker did not exit within " + timeout + "; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    String stderr() {
        try {
            return Files.readString(stderrFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Files.deleteIfExists(stderrFile);
    }
}
