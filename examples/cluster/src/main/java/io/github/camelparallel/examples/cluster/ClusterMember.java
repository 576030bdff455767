package io.github.camelparallel.examples.cluster;

import java.io.IOException;

import io.github.camelparallel.backend.hazelcast.MemberMain;

/**
 * A cluster member for {@code run-cluster.sh}: exactly {@link MemberMain} with the same arguments, plus one guard. A
 * member runs until it is stopped, so a member whose script died (even of {@code kill -9}) would run on forever; this
 * one halts once its stdin reaches end of file, which the script arranges to happen when it is gone (the member's
 * stdin is a pipe from a loop that lives as long as the script).
 */
public final class ClusterMember {

    private ClusterMember() {
    }

    public static void main(String[] args) {
        Thread guard = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nobody writes; this only waits for end of file
                }
            } catch (IOException e) {
                // the pipe broke: the script is gone too
            }
            Runtime.getRuntime().halt(3);
        }, "script-gone-guard");
        guard.setDaemon(true);
        guard.start();
        MemberMain.main(args);
    }
}
