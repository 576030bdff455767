package io.github.camelparallel.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelparallel.backend.hazelcast.MemberMain;

/**
 * A small Hazelcast cluster of {@link MemberMain} JVMs on this machine, for the hazelcast scenario: N child JVMs, each
 * bound to 127.0.0.1 on a port picked free by the OS, in a cluster whose name is unique to this start, each running
 * {@code --pool-size} chunks at once. {@link #start} returns once every member printed {@code MEMBER READY}, which a
 * joining member does only after it has joined; {@link #close()} kills them all ({@code destroyForcibly}).
 * <p>
 * Why a wrapper {@link #main} instead of {@code MemberMain} itself: a member JVM must never outlive the harness, and
 * {@code MemberMain} runs until it is stopped. The wrapper starts a daemon thread that reads the member's stdin (a
 * pipe from the harness) and exits the JVM at end of file, which comes when the harness closes the pipe or dies, even
 * of {@code kill -9}; then it calls {@code MemberMain.main} with the same arguments, so the member is exactly the
 * documented one. Members' stderr (Hazelcast's warnings) goes to a temporary file, kept and named in the error when a
 * member fails to start, else deleted. Not thread-safe; one owner.
 */
final class MemberJvms implements AutoCloseable {

    private static final String READY = "MEMBER READY ";

    private final String clusterName;
    private final List<Member> members = new ArrayList<>();
    private double readyMillis;

    private MemberJvms(String clusterName) {
        this.clusterName = clusterName;
    }

    /** One member: its process, where its stderr goes, and its address once ready. */
    private record Member(Process process, Path stderr, CompletableFuture<String> address) {
    }

    /**
     * Starts {@code count} members, the first alone, then the others together, each told the first one's address
     * (TCP-IP join); the JVM flags are {@code jvmArgs} plus {@code systemProperties} as {@code -D}s. Waits at most
     * {@code timeoutSeconds} for all to be ready; on failure every member started is killed before the exception.
     */
    static MemberJvms start(int count, int poolSize, List<String> jvmArgs, List<String> systemProperties,
            int timeoutSeconds) throws Exception {
        MemberJvms cluster = new MemberJvms("camel-parallel-bench-" + UUID.randomUUID());
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            int[] ports = freePorts(count);
            String first = "127.0.0.1:" + ports[0];
            cluster.launch(ports[0], List.of(first), poolSize, jvmArgs, systemProperties);
            String firstAddress = cluster.awaitReady(0, deadline);
            for (int i = 1; i < count; i++) {
                cluster.launch(ports[i], List.of(firstAddress, "127.0.0.1:" + ports[i]), poolSize, jvmArgs,
                        systemProperties);
            }
            for (int i = 1; i < count; i++) {
                cluster.awaitReady(i, deadline);
            }
            cluster.readyMillis = (System.nanoTime() - t0) / 1e6;
            return cluster;
        } catch (Exception | Error e) {
            cluster.close(true);
            throw e;
        }
    }

    /** The unique cluster name of this start. */
    String clusterName() {
        return clusterName;
    }

    /** {@code host:port} of every member, as each printed it. */
    List<String> addresses() {
        return members.stream().map(m -> m.address().join()).toList();
    }

    /** From the first launch to the last {@code MEMBER READY}, in milliseconds. */
    double readyMillis() {
        return readyMillis;
    }

    /** CPU time of the member JVMs so far, in nanoseconds (what the OS reports for each live one). */
    long cpuNanos() {
        long total = 0;
        for (Member m : members) {
            total += m.process().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return total;
    }

    /** How many members are still running (all of them, unless one died). */
    long alive() {
        return members.stream().filter(m -> m.process().isAlive()).count();
    }

    @Override
    public void close() {
        close(false);
    }

    private void close(boolean keepLogs) {
        for (Member m : members) {
            m.process().destroyForcibly();
        }
        for (Member m : members) {
            try {
                if (!m.process().waitFor(10, TimeUnit.SECONDS)) {
                    System.out.println("  member pid " + m.process().pid() + " did not exit 10 s after SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!keepLogs) {
                try {
                    Files.deleteIfExists(m.stderr());
                } catch (IOException e) {
                    // a temporary file
                }
            }
        }
    }

    private void launch(int port, List<String> join, int poolSize, List<String> jvmArgs,
            List<String> systemProperties) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(ProcessHandle.current().info().command().orElse("java"));
        argv.addAll(jvmArgs);
        for (String property : systemProperties) {
            argv.add("-D" + property);
        }
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(MemberJvms.class.getName());
        argv.addAll(List.of("--cluster", clusterName, "--port", String.valueOf(port),
                "--members", String.join(",", join), "--pool-size", String.valueOf(poolSize),
                "--interface", "127.0.0.1"));
        Path stderr = Files.createTempFile("hazelcast-bench-member", ".stderr");
        Process process = new ProcessBuilder(argv).redirectError(stderr.toFile()).start();
        CompletableFuture<String> address = new CompletableFuture<>();
        members.add(new Member(process, stderr, address));
        Thread reader = new Thread(() -> readStdout(process.getInputStream(), address), "member-" + port + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private String awaitReady(int index, long deadlineNanos) throws Exception {
        Member m = members.get(index);
        try {
            return m.address().get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            String why = !m.process().isAlive() ? "exited with " + m.process().exitValue()
                    : e instanceof TimeoutException ? "not ready in time" : e.getCause().toString();
            throw new IllegalStateException("Hazelcast member " + (index + 1) + " of cluster " + clusterName + " "
                    + why + "; its stderr is in " + m.stderr() + ": " + tail(m.stderr()), e);
        }
    }

    /** Completes {@code address} with the member's address ({@code [127.0.0.1]:P} becomes {@code 127.0.0.1:P}). */
    private static void readStdout(InputStream stdout, CompletableFuture<String> address) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(READY) && !address.isDone()) {
                    address.complete(line.substring(READY.length()).trim().replace("[", "").replace("]", ""));
                }
            }
        } catch (IOException e) {
            // killed: the future below says so
        }
        address.completeExceptionally(new IOException("the member's stdout ended before MEMBER READY"));
    }

    /** Free ports on 127.0.0.1, all held open until every one is picked, so no two are the same. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The member JVM's entry point: exit when stdin ends (the harness is gone), then run {@code MemberMain}. */
    public static void main(String[] args) {
        haltWhenStdinEnds();
        MemberMain.main(args);
    }

    /**
     * Starts a daemon thread that halts this JVM (exit code 3) once stdin reaches end of file: for a child JVM whose
     * stdin is a pipe from its parent, which never writes to it, that is when the parent closed it or died.
     */
    static void haltWhenStdinEnds() {
        Thread guard = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; this only waits for end of file
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone too
            }
            Runtime.getRuntime().halt(3);
        }, "parent-gone-guard");
        guard.setDaemon(true);
        guard.start();
    }
}
