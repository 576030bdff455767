package io.github.camelparallel.hazelcast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.camelparallel.backend.hazelcast.MemberMain;

/**
 * Cluster member JVMs for the tests: {@link MemberMain} on 127.0.0.1 with free ports and a unique cluster name, on
 * the test's own classpath (so the members have the task classes). {@link #restart} replaces a killed member on
 * its port. {@link #close()} kills every one left. Public for the fault suites (reliability/).
 */
public final class MemberJvms implements AutoCloseable {

    /** The module flags Hazelcast asks for on JDK 17+ (as docs/distributed.md says to start members). */
    static final List<String> HAZELCAST_JVM_FLAGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    public final String cluster = "test-" + java.util.UUID.randomUUID();
    final List<Integer> ports = new ArrayList<>();
    public final List<Process> processes = new ArrayList<>();

    public MemberJvms(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            ports.add(freePort());
        }
        List<CompletableFuture<String>> ready = new ArrayList<>();
        for (int port : ports) {
            Process process = startMember(port);
            processes.add(process);
            ready.add(CompletableFuture.supplyAsync(() -> readyLine(process)));
        }
        for (CompletableFuture<String> line : ready) {
            awaitReady(line);
        }
    }

    private Process startMember(int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        command.addAll(HAZELCAST_JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemberMain.class.getName(), "--cluster",
                cluster, "--port", Integer.toString(port), "--members", members(), "--pool-size", "2", "--interface",
                "127.0.0.1"));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void awaitReady(CompletableFuture<String> line) throws Exception {
        String seen = line.get(90, TimeUnit.SECONDS);
        if (seen == null || !seen.startsWith("MEMBER READY")) {
            close();
            throw new IllegalStateException("a member JVM did not start: " + seen);
        }
    }

    /** Starts a new member on the port of member {@code index} (killed before) and waits until it is ready. */
    public void restart(int index) throws Exception {
        Process old = processes.get(index);
        old.destroyForcibly();
        old.waitFor(10, TimeUnit.SECONDS);
        Process process = startMember(ports.get(index));
        processes.set(index, process);
        awaitReady(CompletableFuture.supplyAsync(() -> readyLine(process)));
    }

    public String members() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** The member's "MEMBER READY" line, or why it never came (it exited, or reading failed). */
    static String readyLine(Process process) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("MEMBER READY")) {
                    return line;
                }
            }
            return "exited with " + process.waitFor();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
