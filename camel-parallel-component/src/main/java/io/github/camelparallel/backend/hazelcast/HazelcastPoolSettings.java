package io.github.camelparallel.backend.hazelcast;

import java.lang.reflect.Type;
import java.util.List;

/**
 * The resolved settings of one {@code backend=hazelcast} pool. No Hazelcast type appears here, so the Camel layer can
 * build it without Hazelcast on the classpath. Immutable.
 *
 * @param poolName     the pool's name
 * @param poolSize     threads per member running chunks (the members' durable executor pool size)
 * @param taskClass    the task's Function class name, created on each member
 * @param resultType   the task's declared result type, or null for plain JSON values
 * @param clusterName  the cluster to join or form; null for a private cluster of one embedded member
 * @param members      {@code host:port} of members to join (or, in client mode, to connect to); empty: none
 * @param clientMode   connect as a client: this JVM runs no tasks
 * @param instance     the user's own {@code HazelcastInstance} (never shut down by us), or null
 * @param configFile   a Hazelcast XML or YAML file (member or client config), or null
 * @param clientConnectTimeoutMillis in client mode with the built-in configuration, how long the client tries to
 *                     reach a member at start before the pool fails; 0: no bound
 */
public record HazelcastPoolSettings(String poolName, int poolSize, String taskClass, Type resultType,
        String clusterName, List<String> members, boolean clientMode, Object instance, String configFile,
        long clientConnectTimeoutMillis) {

    public HazelcastPoolSettings {
        members = List.copyOf(members);
    }
}
