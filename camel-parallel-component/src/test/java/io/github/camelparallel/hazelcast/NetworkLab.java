package io.github.camelparallel.hazelcast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.core.HazelcastInstance;
import io.github.camelparallel.backend.hazelcast.MemberMain;
import org.junit.jupiter.api.Assumptions;

/**
 * Member JVMs on separate network stacks, for tests run as root on Linux: each member runs in its own network
 * namespace, joined by a veth pair to one bridge in this JVM's namespace, which gets the subnet's first address (so
 * this JVM reaches every member as a client). {@link #cut(int)} sets a member's link down (it stays alive, alone on
 * its side), {@link #restore(int)} sets it up again; {@link #cutAll()} takes the bridge down (this JVM reaches no
 * member). {@link #confine} moves a running member into a cgroup of its own (v2 {@code cpu.max} or v1
 * {@code cpu.cfs_quota_us}) limited to that many CPUs, so N members model N small machines. Members and the client
 * run on the clocks of a {@link LabTiming}: the built-in ones, or short ones written as Hazelcast YAML files.
 * <p>
 * Names are unique per run (a random tag in every namespace, link, cgroup and file name); {@link #close()} kills the
 * members and removes everything it made ({@link #leftovers()} lists what is still there), and a shutdown hook does
 * the same if the test JVM ends first. Where the
 * machine does not allow it (not root, no {@code ip}, no namespaces, no cpu controller), {@link #open} aborts the
 * test with the reason printed, so it is skipped, not failed. Not thread-safe: one test thread drives it.
 */
public final class NetworkLab implements AutoCloseable {

    private final String tag = String.format(Locale.ROOT, "%05x", ThreadLocalRandom.current().nextInt(0x100000));
    private final String subnet = "10." + (200 + ThreadLocalRandom.current().nextInt(50)) + "."
            + ThreadLocalRandom.current().nextInt(250) + ".";
    private final String bridge = "cpb" + tag;
    public final String cluster = "lab-" + tag;
    private final List<String> namespaces = new ArrayList<>();
    private final Map<Integer, Process> members = new TreeMap<>();
    private final LabTiming timing;
    private Path files;
    private final CpuQuotas quotas = new CpuQuotas(tag);
    private final Thread hook = new Thread(this::removeAll, "network-lab-cleanup");
    private boolean removed;

    private NetworkLab(LabTiming timing) {
        this.timing = timing;
    }

    /**
     * A bridge and {@code count} namespaces linked to it; aborts the test (skipped, reason printed) where the
     * machine does not allow it.
     */
    public static NetworkLab open(int count, LabTiming timing) {
        NetworkLab lab = new NetworkLab(timing);
        String why = lab.unsupported();
        if (why != null) {
            System.out.println("NetworkLab: skipped: " + why);
            Assumptions.abort(why);
        }
        Runtime.getRuntime().addShutdownHook(lab.hook);
        try {
            lab.sh("ip link add " + lab.bridge + " type bridge", "ip addr add " + lab.subnet + "1/24 dev " + lab.bridge,
                    "ip link set " + lab.bridge + " up");
            for (int i = 0; i < count; i++) {
                lab.addNamespace(i);
            }
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private String unsupported() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "network namespaces need Linux";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root (running as " + System.getProperty("user.name") + ")";
        }
        String probe = "cpp" + tag;
        Result r = run("ip netns add " + probe);
        if (r.exit != 0) {
            return "cannot create a network namespace: " + r.output.trim();
        }
        run("ip netns del " + probe);
        return null;
    }

    private void addNamespace(int i) {
        String ns = namespace(i);
        String host = "cph" + tag + i;
        String peer = "cpm" + tag + i;
        namespaces.add(ns);
        sh("ip netns add " + ns, "ip link add " + host + " type veth peer name " + peer,
                "ip link set " + peer + " netns " + ns, "ip link set " + host + " master " + bridge,
                "ip link set " + host + " up", "ip netns exec " + ns + " ip link set lo up",
                "ip netns exec " + ns + " ip addr add " + address(i) + "/24 dev " + peer,
                "ip netns exec " + ns + " ip link set " + peer + " up");
    }

    private String namespace(int i) {
        return "cpn" + tag + "-" + i;
    }

    /** The address of member {@code i} (its namespace's only interface besides loopback). */
    public String address(int i) {
        return subnet + (10 + i);
    }

    /** Every member's {@code address:5701}, comma-separated. */
    public String members() {
        return java.util.stream.IntStream.range(0, namespaces.size()).mapToObj(i -> address(i) + ":5701")
                .collect(Collectors.joining(","));
    }

    /** Starts a {@link MemberMain} JVM in every namespace (in parallel) and waits until each is in the cluster. */
    public void startMembers(int poolSize, List<String> jvmFlags) throws Exception {
        List<CompletableFuture<String>> ready = new ArrayList<>();
        for (int i = 0; i < namespaces.size(); i++) {
            Process member = launch(i, poolSize, jvmFlags);
            ready.add(CompletableFuture.supplyAsync(() -> MemberJvms.readyLine(member)));
        }
        for (CompletableFuture<String> line : ready) {
            awaitReady(line);
        }
    }

    /**
     * Starts the {@link MemberMain} JVM of namespace {@code i} alone (the others may be running or not yet started;
     * it joins those that run) and waits until it is in the cluster.
     *
     * @param poolSize chunks the member runs at once
     * @param jvmFlags extra flags of its JVM
     */
    public void startMember(int i, int poolSize, List<String> jvmFlags) throws Exception {
        Process member = launch(i, poolSize, jvmFlags);
        awaitReady(CompletableFuture.supplyAsync(() -> MemberJvms.readyLine(member)));
    }

    private Process launch(int i, int poolSize, List<String> jvmFlags) throws IOException {
        List<String> java = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m", "-Dcamel.parallel.test.node=" + i));
        java.addAll(jvmFlags);
        java.addAll(MemberJvms.HAZELCAST_JVM_FLAGS);
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), MemberMain.class.getName(), "--cluster",
                cluster, "--port", "5701", "--members", members(), "--pool-size", Integer.toString(poolSize),
                "--interface", address(i)));
        if (!timing.builtIn()) {
            java.addAll(List.of("--config", file("member.yaml", timing.memberYaml(cluster, members())).toString()));
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespaces.get(i)));
        command.addAll(java); // ip execs the JVM: the process is the member JVM itself
        Process member = new ProcessBuilder(command)
                .redirectError(file("member-" + i + ".log", "").toFile()).start();
        members.put(i, member);
        return member;
    }

    private static void awaitReady(CompletableFuture<String> line) throws Exception {
        String seen = line.get(120, TimeUnit.SECONDS);
        if (seen == null || !seen.startsWith("MEMBER READY")) {
            throw new IllegalStateException("a member JVM did not start: " + seen);
        }
    }

    /**
     * The endpoint options that make a client of this lab's members: the cluster and members with the built-in
     * timing, else the client file of {@link LabTiming#clientYaml}.
     */
    public String clientOptions() throws IOException {
        return timing.builtIn() ? "clusterName=" + cluster + "&members=" + members()
                : "hazelcastConfig=" + file("client.yaml", timing.clientYaml(cluster, members()));
    }

    private Path file(String name, String text) throws IOException {
        if (files == null) {
            files = Files.createTempDirectory("network-lab-" + tag);
        }
        Path file = files.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, text);
        }
        return file;
    }

    /**
     * Confines the running member {@code i} (its JVM and every thread of it) to {@code cpus} CPUs by a cgroup of its
     * own (see {@link CpuQuotas}), and returns the cgroup; aborts the test where none can be made. Members start
     * unconfined, so a quota does not slow their JVM start.
     */
    public Path confine(int i, double cpus) throws IOException {
        return quotas.confine(Integer.toString(i), members.get(i), cpus);
    }

    /** Gives this JVM (the submitter) a high CPU weight until {@link #close()}, so other work does not starve it. */
    public void favourThisJvm() throws IOException {
        quotas.favourThisJvm();
    }

    /** The cgroup paths ({@code /proc/PID/cgroup}) member {@code i}'s JVM is in now. */
    public String cgroupsOf(int i) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(members.get(i).pid()), "cgroup"));
    }

    /** Member {@code i}'s link goes down: it runs on, alone on its side. */
    public void cut(int i) {
        sh("ip link set cph" + tag + i + " down");
    }

    public void restore(int i) {
        sh("ip link set cph" + tag + i + " up");
    }

    /** This JVM's side goes down: it reaches no member (the members still reach each other). */
    public void cutAll() {
        sh("ip addr flush dev " + bridge);
    }

    public void restoreAll() {
        sh("ip addr add " + subnet + "1/24 dev " + bridge);
    }

    /** Whether this JVM has a client of this lab's cluster and each such client sees {@code count} members. */
    public boolean clientsSee(int count) {
        List<HazelcastInstance> clients = HazelcastClient.getAllHazelcastClients().stream()
                .filter(c -> c instanceof HazelcastClientProxy p
                        && cluster.equals(p.getClientConfig().getClusterName()))
                .toList();
        return !clients.isEmpty() && clients.stream().allMatch(c -> c.getCluster().getMembers().size() == count);
    }

    public Process member(int i) {
        return members.get(i);
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) removeAll itself
        }
    }

    /** Kills the members, then removes the namespaces (their veth ends go with them), the bridge and the cgroups. */
    private synchronized void removeAll() {
        if (removed) {
            return;
        }
        removed = true;
        for (Process member : members.values()) {
            member.descendants().forEach(ProcessHandle::destroyForcibly);
            member.destroyForcibly();
        }
        for (Process member : members.values()) {
            try {
                member.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < namespaces.size(); i++) {
            run("ip link del cph" + tag + i);
            run("ip netns del " + namespaces.get(i));
        }
        run("ip link del " + bridge);
        quotas.remove();
        if (files != null) {
            String keep = System.getProperty("camel.parallel.lab.logs"); // a directory to keep the member logs in
            try (var list = Files.list(files)) {
                for (Path file : list.toList()) {
                    if (keep != null) {
                        Files.createDirectories(Path.of(keep));
                        Files.copy(file, Path.of(keep, cluster + "-" + file.getFileName()));
                    }
                    Files.delete(file);
                }
                Files.delete(files);
            } catch (IOException e) {
                System.out.println("NetworkLab: cannot remove " + files + ": " + e);
            }
        }
    }

    /**
     * What of this lab still exists: namespaces, links, cgroups and files with its tag (empty after {@link #close()}).
     */
    public List<String> leftovers() {
        List<String> left = new ArrayList<>();
        for (String listing : List.of(run("ip netns list").output, run("ip -o link show").output)) {
            listing.lines().filter(line -> line.contains(tag)).forEach(left::add);
        }
        left.addAll(quotas.leftovers());
        if (files != null && Files.exists(files)) {
            left.add(files.toString());
        }
        return left;
    }

    /** Runs each command; the first that fails throws, naming it and its output. */
    private void sh(String... commands) {
        for (String command : commands) {
            Result r = run(command);
            if (r.exit != 0) {
                throw new IllegalStateException("`" + command + "` failed (exit " + r.exit + "): " + r.output.trim());
            }
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String command) {
        try {
            Process p = new ProcessBuilder(command.split(" ")).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
