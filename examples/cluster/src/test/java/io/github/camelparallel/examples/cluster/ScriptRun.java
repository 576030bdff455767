package io.github.camelparallel.examples.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code run-cluster.sh} started from a test, with this JVM's java and classpath (which hold the example's classes and
 * Hazelcast) and the root pom's Hazelcast flags, as the Maven command starts it. Collects its output (stdout and
 * stderr merged) line by line. {@link #close()} kills the script and every process under it that is still running,
 * whatever happened, and waits for them, so a failing test leaves no JVM behind. One owner.
 */
final class ScriptRun implements AutoCloseable {

    private static final Pattern PID = Pattern.compile("(member \\d starting|application started): pid (\\d+)");

    private final Process script;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    /** Every process the script started, seen while it ran: killed by close() if still alive. */
    private final List<ProcessHandle> started = new ArrayList<>();

    /** Starts the script with these environment entries; its scratch files go under {@code tmp} (TMPDIR). */
    ScriptRun(Path tmp, Map<String, String> environment) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder("bash", System.getProperty("cluster.script"), java,
                System.getProperty("java.class.path")).redirectErrorStream(true);
        builder.environment().put("HAZELCAST_JVM_FLAGS", System.getProperty("hazelcast.jvm.flags"));
        // where mktemp puts the script's work directory, which a script killed with -9 cannot remove itself
        builder.environment().put("TMPDIR", tmp.toString());
        builder.environment().putAll(environment);
        script = builder.start();
        script.getOutputStream().close();
        reader = new Thread(this::read, "run-cluster.sh-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println(line); // into the surefire report
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the script was killed
        }
    }

    /** Waits for a line of output that matches, at most {@code seconds}; false if none came or the output ended. */
    synchronized boolean awaitLine(Predicate<String> match, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int seen = 0;; ) {
            for (; seen < lines.size(); seen++) {
                if (match.test(lines.get(seen))) {
                    return true;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !reader.isAlive()) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** The script's exit code, once it ended within {@code seconds}; fails the test if it did not. */
    int waitFor(long seconds) throws InterruptedException {
        rememberDescendants();
        if (!script.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("run-cluster.sh did not end within " + seconds + " s; its output:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return script.exitValue();
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    /** The pids of the JVMs the script said it started, members and application. */
    List<Long> jvmPids() {
        return pids("");
    }

    /** The pids of the member JVMs the script said it started. */
    List<Long> memberPids() {
        return pids("member");
    }

    private synchronized List<Long> pids(String kind) {
        List<Long> pids = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PID.matcher(line);
            if (m.find() && m.group(1).startsWith(kind)) {
                pids.add(Long.parseLong(m.group(2)));
            }
        }
        return pids;
    }

    /**
     * Kills the script alone with SIGKILL, as a crash would: no trap runs. Its processes are remembered first (once
     * orphaned they are no longer its descendants), so {@link #close()} still kills whatever of them is left.
     */
    void killScriptOnly() {
        rememberDescendants();
        script.destroyForcibly();
    }

    private synchronized void rememberDescendants() {
        script.descendants().forEach(started::add);
    }

    @Override
    public void close() throws InterruptedException {
        rememberDescendants();
        List<ProcessHandle> all = new ArrayList<>();
        synchronized (this) {
            all.addAll(started);
        }
        for (long pid : jvmPids()) {
            ProcessHandle.of(pid).ifPresent(all::add);
        }
        script.destroyForcibly();
        for (ProcessHandle process : all) {
            process.destroyForcibly();
        }
        script.waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle process : all) {
            process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
        }
    }
}
