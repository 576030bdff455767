package io.github.camelparallel.backend.hazelcast;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@code backend=hazelcast} pool gets its instance at start: the user's own, a client, or an embedded member.
 * It exists so that a start that cannot work fails at once with the reason, not later or never: listed members none
 * of which resolves fail the start naming them (Hazelcast would only log it and form a cluster of one); a client that
 * reaches no member within {@code clientConnectTimeout} fails naming the members, the cluster and the option; a
 * cluster without members fails. What only deserves a warning is logged at WARN naming the members: hosts that do not
 * resolve, listed members not in the cluster once it has started. An instance created here and then refused is shut
 * down before the failure is thrown. Stateless and thread-safe.
 */
final class ClusterJoin {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastBackend.class);

    /** The instance, and whether this pool created it (and so shuts it down). */
    record Joined(HazelcastInstance instance, boolean owned) {
    }

    private ClusterJoin() {
    }

    static Joined join(HazelcastPoolSettings settings) throws IOException {
        HazelcastInstance hz;
        boolean owned = settings.instance() == null;
        ListedMembers listed = owned && settings.configFile() == null ? checkListed(settings) : null;
        if (!owned) {
            hz = (HazelcastInstance) settings.instance();
        } else if (settings.clientMode()) {
            hz = newClient(settings);
        } else {
            hz = Hazelcast.newHazelcastInstance(HazelcastConfigs.member(clusterName(settings),
                    HazelcastConfigs.DEFAULT_PORT, settings.members(), settings.poolSize(), settings.members().isEmpty(),
                    settings.configFile()));
        }
        if (hz.getCluster().getMembers().isEmpty()) {
            if (owned) {
                hz.shutdown();
            }
            throw new IllegalStateException("parallel:" + settings.poolName() + ": the Hazelcast cluster has no member"
                    + " to run tasks on");
        }
        if (listed != null) {
            warnNotJoined(settings, listed, hz);
        }
        return new Joined(hz, owned);
    }

    /**
     * Looks the listed members up before Hazelcast does (it only logs a host it cannot resolve, then forms a cluster
     * of one): none resolves, the start fails naming them; some do not, a warning names those.
     */
    private static ListedMembers checkListed(HazelcastPoolSettings settings) {
        ListedMembers listed = new ListedMembers(settings.members());
        if (listed.noneResolves()) {
            throw new IllegalArgumentException("parallel:" + settings.poolName() + ": none of the Hazelcast members "
                    + settings.members() + " resolves: unknown host(s) " + listed.unresolved() + " (option members)");
        }
        if (!listed.unresolved().isEmpty()) {
            LOG.warn("parallel:{}: Hazelcast member host(s) {} of option members do not resolve; the pool starts"
                    + " without them", settings.poolName(), listed.unresolved());
        }
        return listed;
    }

    /** Names the listed members that are not in the cluster now that it has started (they may still join later). */
    private static void warnNotJoined(HazelcastPoolSettings settings, ListedMembers listed, HazelcastInstance hz) {
        try {
            List<InetSocketAddress> cluster = new ArrayList<>();
            for (Member member : hz.getCluster().getMembers()) {
                cluster.add(member.getAddress().getInetSocketAddress());
            }
            List<String> missing = listed.notIn(cluster);
            if (!missing.isEmpty()) {
                LOG.warn("parallel:{}: listed Hazelcast member(s) {} not in the cluster '{}' at start; running on {}"
                        + " member(s) {} (a member started later still joins)", settings.poolName(), missing,
                        hz.getConfig().getClusterName(), cluster.size(), cluster);
            }
        } catch (RuntimeException | UnknownHostException e) {
            LOG.debug("[{}] cannot compare the cluster with the listed members: {}", settings.poolName(), e.toString());
        }
    }

    /** A client of the cluster; a start that reaches no member fails naming the members and the time it tried. */
    private static HazelcastInstance newClient(HazelcastPoolSettings settings) throws IOException {
        var config = HazelcastConfigs.client(clusterName(settings), settings.members(), settings.configFile(),
                settings.clientConnectTimeoutMillis());
        try {
            return HazelcastClient.newHazelcastClient(config);
        } catch (IllegalStateException e) {
            String where = settings.configFile() != null
                    ? "listed in " + settings.configFile() + " within its connection-retry timeout"
                    : "at " + (settings.members().isEmpty() ? List.of("127.0.0.1:" + HazelcastConfigs.DEFAULT_PORT)
                            : settings.members()) + " within clientConnectTimeout of "
                            + settings.clientConnectTimeoutMillis() + " ms";
            throw new IllegalStateException("parallel:" + settings.poolName() + ": no Hazelcast member of cluster '"
                    + config.getClusterName() + "' reachable " + where + ": " + e.getMessage(), e);
        }
    }

    /** The cluster name: the option, or for an embedded member alone a private one, so it joins nobody by chance. */
    private static String clusterName(HazelcastPoolSettings settings) {
        if (settings.clusterName() != null && !settings.clusterName().isBlank()) {
            return settings.clusterName();
        }
        return settings.members().isEmpty() && !settings.clientMode()
                ? "camel-parallel-" + UUID.randomUUID() : "camel-parallel";
    }
}
