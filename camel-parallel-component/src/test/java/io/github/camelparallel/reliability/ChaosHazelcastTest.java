package io.github.camelparallel.reliability;

import java.util.concurrent.CompletableFuture;

import io.github.camelparallel.backend.hazelcast.HazelcastBackend;
import io.github.camelparallel.hazelcast.MemberJvms;
import org.apache.camel.Exchange;

/**
 * The chaos suite on a Hazelcast cluster of three member JVMs, this JVM a client (so every task runs in a member):
 * besides task exceptions and items over {@code taskTimeout}, a member is killed with -9 at a random moment of every
 * {@value #KILL_EVERY}th round. The durable executor re-runs the dead member's chunks on the survivors
 * (at-least-once), and the check still demands exactly one outcome per item in the result. {@code taskTimeout} bounds
 * a whole chunk on this backend, so the neighbours of a slow item (or a chunk re-run after the kill past its bound)
 * may fail with the chunk's TimeoutException: counted apart as {@code chunkTimeouts}. Full strength: the killed
 * member replaced on its port and seen by the client, three members, nothing in flight.
 */
class ChaosHazelcastTest extends ChaosSuite {

    static final int MEMBERS = 3;
    static final int KILL_EVERY = 4;

    private MemberJvms members;
    private int round;
    private int killed = -1;

    @Override
    protected String backendName() {
        return "hazelcast";
    }

    @Override
    protected String backendOptions() throws Exception {
        members = new MemberJvms(MEMBERS);
        return "backend=hazelcast&clientMode=true&clusterName=" + members.cluster + "&members=" + members.members();
    }

    /** taskTimeout bounds a whole chunk here, failover included (docs/distributed.md): neighbours may time out. */
    @Override
    protected ChaosBatch.Allowances allowances() {
        return new ChaosBatch.Allowances(false, true);
    }

    /** Long enough for a chunk to fail over from a killed member within its bound (4 items x 1 s). */
    @Override
    protected long taskTimeoutMillis() {
        return 1000;
    }

    @Override
    protected int quickRounds() {
        return 2;
    }

    @Override
    protected int strike(CompletableFuture<Exchange> reply) throws InterruptedException {
        round++;
        if (round % KILL_EVERY != 1) {
            return 0;
        }
        Thread.sleep(100 + random.nextInt(400));
        if (reply.isDone()) {
            return 0;
        }
        killed = random.nextInt(MEMBERS);
        members.processes.get(killed).destroyForcibly();
        return 1;
    }

    @Override
    protected void assertFullStrength() throws Exception {
        if (killed >= 0) {
            members.restart(killed);
            killed = -1;
        }
        ChaosThreadTest.awaitIdle((HazelcastBackend) backend(), MEMBERS);
    }

    @Override
    protected void stopOthers() {
        if (members != null) {
            members.close();
            members = null;
        }
    }
}
