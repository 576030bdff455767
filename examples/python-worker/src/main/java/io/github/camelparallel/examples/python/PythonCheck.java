package io.github.camelparallel.examples.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out whether the Python interpreter of the example runs ({@code <executable> --version}, within 10 s), so the
 * route can skip with a clear message instead of failing where Python is not installed. Remembers what it found (the
 * version, or why not) for the log and the tests. Configured once by camel-main; {@link #available()} is called by the
 * one route thread, and its findings are published through volatile fields.
 */
public class PythonCheck {

    private static final Logger LOG = LoggerFactory.getLogger(PythonCheck.class);

    private String executable = "python3";
    private volatile String version;
    private volatile String problem;

    /** Whether {@code <executable> --version} runs and names a Python 3. */
    public boolean available() {
        Process process;
        try {
            process = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            return unavailable("'" + executable + "' cannot be run (" + e.getMessage() + ")");
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return unavailable("'" + executable + " --version' did not answer within 10 s");
            }
            String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0 || !answer.startsWith("Python 3")) {
                return unavailable("'" + executable + " --version' answered '" + answer + "' (exit code "
                        + process.exitValue() + "), not a Python 3");
            }
            version = answer;
            problem = null;
            LOG.info("{} is {}", executable, answer);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while running '" + executable + " --version'");
        } catch (IOException e) {
            return unavailable("cannot read the answer of '" + executable + " --version' (" + e.getMessage() + ")");
        } finally {
            process.destroyForcibly(); // a no-op once it has exited
        }
    }

    private boolean unavailable(String why) {
        version = null;
        problem = why;
        return false;
    }

    /** What the last {@link #available()} found, e.g. {@code Python 3.11.7}; null when Python was not found. */
    public String getVersion() {
        return version;
    }

    /** Why the last {@link #available()} said no; null when it said yes. */
    public String getProblem() {
        return problem;
    }

    public String getExecutable() {
        return executable;
    }

    public void setExecutable(String executable) {
        this.executable = executable;
    }
}
