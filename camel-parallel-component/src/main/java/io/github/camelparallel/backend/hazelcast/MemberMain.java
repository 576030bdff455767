package io.github.camelparallel.backend.hazelcast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * A cluster member that runs {@code backend=hazelcast} tasks, for machines without a Camel route:
 * <pre>
 * java -cp &lt;your classpath&gt; io.github.camelparallel.backend.hazelcast.MemberMain \
 *      --cluster NAME --port P --members 10.0.0.1:5701,10.0.0.2:5701 [--pool-size N] [--interface 10.0.0.*]
 *      [--config hazelcast.yaml]
 * </pre>
 * The classpath must hold this jar, Hazelcast, Jackson and the task classes. The member joins the listed members over
 * TCP-IP (multicast off), runs {@code --pool-size} chunks at once (default: its processors), prints
 * {@code MEMBER READY <address>} on stdout once it is in the cluster, and leaves the cluster gracefully on SIGTERM.
 * With {@code --interface 127.0.0.1} it binds to loopback only (what the tests use). Exit codes: 0 after a stop,
 * 2 for bad arguments, 1 when the member cannot start.
 */
public final class MemberMain {

    private MemberMain() {
    }

    public static void main(String[] args) {
        String cluster = "camel-parallel";
        int port = HazelcastConfigs.DEFAULT_PORT;
        List<String> members = new ArrayList<>();
        int poolSize = Runtime.getRuntime().availableProcessors();
        String iface = null;
        String config = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--cluster" -> cluster = require(args[i], value);
                    case "--port" -> port = Integer.parseInt(require(args[i], value));
                    case "--members" -> members.addAll(Arrays.stream(require(args[i], value).split(","))
                            .map(String::trim).filter(m -> !m.isEmpty()).toList());
                    case "--pool-size" -> poolSize = Integer.parseInt(require(args[i], value));
                    case "--interface" -> iface = require(args[i], value);
                    case "--config" -> config = require(args[i], value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
                i++;
            }
            if (poolSize < 1) {
                throw new IllegalArgumentException("--pool-size must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("camel-parallel member: " + e.getMessage());
            System.err.println("usage: MemberMain --cluster NAME --port P --members host:port,... [--pool-size N]"
                    + " [--interface ADDRESS] [--config FILE]");
            System.exit(2);
            return;
        }
        HazelcastInstance member;
        try {
            var hzConfig = HazelcastConfigs.member(cluster, port, members, poolSize, "127.0.0.1".equals(iface), config);
            if (iface != null && !"127.0.0.1".equals(iface)) {
                hzConfig.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(iface);
            }
            HazelcastAsyncExecutor.acquire(); // for the member's whole life
            member = Hazelcast.newHazelcastInstance(hzConfig);
        } catch (Exception e) {
            System.err.println("camel-parallel member: cannot start: " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            member.shutdown();
            stopped.countDown();
        }, "camel-parallel-member-stop"));
        System.out.println("MEMBER READY " + member.getCluster().getLocalMember().getAddress());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String require(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
