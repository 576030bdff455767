package io.github.camelparallel.backend.hazelcast;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.config.DurableExecutorConfig;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;

/**
 * The Hazelcast configuration of this backend's members and clients, with safe defaults for batch work on a trusted
 * network: no phone-home, no multicast, no auto-detection (members are listed, TCP-IP), loopback only for an embedded
 * member that joins nobody, Java deserialization restricted to this project's classes (our own types use identified
 * serialization anyway), SLF4J logging, and failure detection in seconds rather than Hazelcast's 60: a member that
 * misses heartbeats for {@value #DEFAULT_NO_HEARTBEAT_SECONDS} s is declared dead and its chunks re-run elsewhere.
 * A user's {@code hazelcastConfig} file is the base when given; these settings are added to it only where it is silent
 * about our executors and serialization factory. Stateless and thread-safe.
 */
public final class HazelcastConfigs {

    /** The durable executors of pools are named {@code parallel-<pool>}; one config covers them all. */
    public static final String EXECUTOR_PREFIX = "parallel-";
    /** The plain executor that broadcasts {@link CancelRun}. */
    public static final String CONTROL_EXECUTOR = "parallel-control";
    public static final int DEFAULT_PORT = 5701;
    public static final int DEFAULT_HEARTBEAT_SECONDS = 1;
    public static final int DEFAULT_NO_HEARTBEAT_SECONDS = 10;
    /** How often members look for the other side of a split-brain to merge with (Hazelcast's default: 120 s). */
    public static final int MERGE_DELAY_SECONDS = 10;
    /** How long a client retries an operation while it reaches no member (Hazelcast's client default: 120 s). */
    public static final int CLIENT_INVOCATION_TIMEOUT_SECONDS = 2 * DEFAULT_NO_HEARTBEAT_SECONDS;
    /**
     * A client cut off from every member fails its chunks by this bound: the heartbeat timeout to notice, then the
     * retries of {@link #CLIENT_INVOCATION_TIMEOUT_SECONDS}.
     */
    public static final int CLIENT_OFFLINE_BOUND_SECONDS = DEFAULT_NO_HEARTBEAT_SECONDS
            + CLIENT_INVOCATION_TIMEOUT_SECONDS;
    /** Tasks a partition of a durable executor holds at once (Hazelcast's default). */
    public static final int DURABLE_CAPACITY = 100;

    private HazelcastConfigs() {
    }

    /**
     * A member's configuration.
     *
     * @param poolSize  threads per member that run chunks
     * @param members   {@code host:port} of members to join; empty for a cluster of this member alone
     * @param loopback  bind to 127.0.0.1 only (an embedded member, and the tests)
     * @param file      a Hazelcast XML or YAML file to start from, or null
     */
    public static Config member(String clusterName, int port, List<String> members, int poolSize, boolean loopback,
            String file) throws IOException {
        Config config = file != null ? Config.loadFromFile(existing(file)) : new Config();
        if (file == null) {
            config.setClusterName(clusterName);
            NetworkConfig network = config.getNetworkConfig();
            network.setPort(port).setPortAutoIncrement(true);
            JoinConfig join = network.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty() ? List.of("127.0.0.1") : members);
            if (loopback) {
                network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
                config.setProperty("hazelcast.socket.bind.any", "false");
            }
            config.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(DEFAULT_HEARTBEAT_SECONDS));
            config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(DEFAULT_NO_HEARTBEAT_SECONDS));
            // a member cut off and back merges within seconds, not Hazelcast's minutes
            config.setProperty("hazelcast.merge.first.run.delay.seconds", Integer.toString(MERGE_DELAY_SECONDS));
            config.setProperty("hazelcast.merge.next.run.delay.seconds", Integer.toString(MERGE_DELAY_SECONDS));
        }
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        if (config.getDurableExecutorConfigs().get(EXECUTOR_PREFIX + "*") == null) {
            config.addDurableExecutorConfig(new DurableExecutorConfig(EXECUTOR_PREFIX + "*")
                    .setPoolSize(poolSize).setCapacity(DURABLE_CAPACITY).setDurability(1));
        }
        if (config.getExecutorConfigs().get(CONTROL_EXECUTOR) == null) {
            config.addExecutorConfig(new ExecutorConfig(CONTROL_EXECUTOR).setPoolSize(2));
        }
        secure(config.getSerializationConfig());
        return config;
    }

    /**
     * A client's configuration: the listed members, or a Hazelcast client XML/YAML file (whose own connection
     * settings then apply).
     *
     * @param connectTimeoutMillis how long the client tries to reach a member at start (Hazelcast's
     *                             {@code clusterConnectTimeoutMillis}); 0: no bound
     */
    public static ClientConfig client(String clusterName, List<String> members, String file, long connectTimeoutMillis)
            throws IOException {
        ClientConfig config;
        if (file != null) {
            String path = existing(file).getPath();
            config = path.endsWith(".yaml") || path.endsWith(".yml") ? new YamlClientConfigBuilder(path).build()
                    : new XmlClientConfigBuilder(path).build();
        } else {
            config = new ClientConfig().setClusterName(clusterName);
            config.getNetworkConfig().setAddresses(members.isEmpty() ? List.of("127.0.0.1:" + DEFAULT_PORT)
                    : members);
            config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(
                    connectTimeoutMillis > 0 ? connectTimeoutMillis : -1); // -1: Hazelcast's "no bound"
            // a client stops waiting on a silent member as soon as the members do (Hazelcast's client default is 60 s)
            config.setProperty("hazelcast.client.heartbeat.interval", Long.toString(DEFAULT_HEARTBEAT_SECONDS * 1000L));
            config.setProperty("hazelcast.client.heartbeat.timeout", Long.toString(DEFAULT_NO_HEARTBEAT_SECONDS * 1000L));
            config.setProperty("hazelcast.client.invocation.timeout.seconds",
                    Integer.toString(CLIENT_INVOCATION_TIMEOUT_SECONDS));
        }
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        secure(config.getSerializationConfig());
        return config;
    }

    /** Registers our factory; Java deserialization only for this project's classes (Hazelcast's allow-list). */
    private static void secure(SerializationConfig serialization) {
        serialization.getDataSerializableFactories().putIfAbsent(ParallelSerializables.FACTORY_ID,
                new ParallelSerializables());
        if (serialization.getJavaSerializationFilterConfig() == null) {
            JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
            filter.getWhitelist().addPrefixes("io.github.camelparallel.");
            serialization.setJavaSerializationFilterConfig(filter);
        }
    }

    private static File existing(String file) throws FileNotFoundException {
        File f = new File(file);
        if (!f.isFile()) {
            throw new FileNotFoundException("Hazelcast configuration file " + f.getAbsolutePath() + " not found");
        }
        return f;
    }
}
