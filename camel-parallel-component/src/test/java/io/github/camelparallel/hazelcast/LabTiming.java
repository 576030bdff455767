package io.github.camelparallel.hazelcast;

import io.github.camelparallel.backend.hazelcast.HazelcastConfigs;

/**
 * Hazelcast's clocks in a {@link NetworkLab}: failure detection, split-brain merge, client retries, join waits.
 * {@link #DEFAULTS} is what users get ({@link HazelcastConfigs}: members and clients built by the component and
 * {@code MemberMain}, no configuration file); {@link #SHORT} shortens every clock so the short forms of the lab tests
 * take seconds, written as the Hazelcast member and client YAML files a user would give ({@code --config},
 * {@code hazelcastConfig}). The bounds the tests assert derive from these values, so they hold for either. Immutable.
 *
 * @param heartbeatSeconds               members and clients send a heartbeat this often
 * @param noHeartbeatSeconds             a member or client silent this long is declared dead
 * @param mergeDelaySeconds              how often split-brain healing looks for the other side
 * @param clientInvocationTimeoutSeconds how long a client retries an operation while it reaches no member
 */
record LabTiming(int heartbeatSeconds, int noHeartbeatSeconds, int mergeDelaySeconds,
        int clientInvocationTimeoutSeconds) {

    static final LabTiming DEFAULTS = new LabTiming(HazelcastConfigs.DEFAULT_HEARTBEAT_SECONDS,
            HazelcastConfigs.DEFAULT_NO_HEARTBEAT_SECONDS, HazelcastConfigs.MERGE_DELAY_SECONDS,
            HazelcastConfigs.CLIENT_INVOCATION_TIMEOUT_SECONDS);
    /** The client retries twice as long as the members take to declare one dead, as the built-in values do. */
    static final LabTiming SHORT = new LabTiming(1, 4, 2, 8);

    /** True for the built-in values: no configuration file, the component's own defaults. */
    boolean builtIn() {
        return equals(DEFAULTS);
    }

    /** A client cut off from every member fails its chunks by then (to notice, then to give up retrying). */
    int clientOfflineBoundSeconds() {
        return noHeartbeatSeconds + clientInvocationTimeoutSeconds;
    }

    /** A member file for {@code MemberMain --config}: TCP-IP join of {@code members}, these clocks, quick joins. */
    String memberYaml(String cluster, String members) {
        return """
                hazelcast:
                  cluster-name: %s
                  properties:
                    hazelcast.heartbeat.interval.seconds: %d
                    hazelcast.max.no.heartbeat.seconds: %d
                    hazelcast.merge.first.run.delay.seconds: %d
                    hazelcast.merge.next.run.delay.seconds: %d
                    hazelcast.wait.seconds.before.join: 1
                    hazelcast.max.wait.seconds.before.join: 2
                  network:
                    port:
                      port: 5701
                      auto-increment: false
                    join:
                      multicast:
                        enabled: false
                      auto-detection:
                        enabled: false
                      tcp-ip:
                        enabled: true
                        connection-timeout-seconds: 2
                        member-list: [%s]
                """.formatted(cluster, heartbeatSeconds, noHeartbeatSeconds, mergeDelaySeconds, mergeDelaySeconds,
                members);
    }

    /** A client file for the endpoint's {@code hazelcastConfig}: the listed members, these clocks, quick retries. */
    String clientYaml(String cluster, String members) {
        return """
                hazelcast-client:
                  cluster-name: %s
                  network:
                    cluster-members: [%s]
                    connection-timeout: 2000
                  connection-strategy:
                    connection-retry:
                      initial-backoff-millis: 200
                      max-backoff-millis: 1000
                      cluster-connect-timeout-millis: 60000
                  properties:
                    hazelcast.client.heartbeat.interval: %d
                    hazelcast.client.heartbeat.timeout: %d
                    hazelcast.client.invocation.timeout.seconds: %d
                """.formatted(cluster, members, heartbeatSeconds * 1000L, noHeartbeatSeconds * 1000L,
                clientInvocationTimeoutSeconds);
    }
}
