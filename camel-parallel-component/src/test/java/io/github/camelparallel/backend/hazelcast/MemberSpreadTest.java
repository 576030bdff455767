package io.github.camelparallel.backend.hazelcast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.camelparallel.hazelcast.MemberJvms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Chunk placement over three real members in this JVM: every placement is a key its member owns, chunks in flight
 * stay even over the members, a member with fewer in flight (its chunks ended) gets the next ones, and a lone member
 * leaves the choice to the executor.
 */
class MemberSpreadTest {

    private static final List<HazelcastInstance> MEMBERS = new ArrayList<>();

    @BeforeAll
    static void cluster() throws Exception {
        String cluster = "spread-" + UUID.randomUUID();
        int first = MemberJvms.freePort();
        for (int i = 0; i < 3; i++) {
            int port = i == 0 ? first : MemberJvms.freePort();
            MEMBERS.add(Hazelcast.newHazelcastInstance(HazelcastConfigs.member(cluster, port,
                    List.of("127.0.0.1:" + first), 1, true, null)));
        }
    }

    @AfterAll
    static void shutdown() {
        MEMBERS.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void chunksInFlightStayEvenOverTheMembersOnKeysTheyOwn() {
        MemberSpread spread = new MemberSpread(MEMBERS.get(0));
        Map<UUID, Integer> placed = new HashMap<>();
        List<MemberSpread.Placement> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            MemberSpread.Placement p = spread.next();
            assertNotNull(p, "three members: a choice is made");
            Member owner = MEMBERS.get(0).getPartitionService().getPartition(p.key()).getOwner();
            assertEquals(p.member(), owner.getUuid(), "the key's partition is owned by the chosen member");
            placed.merge(p.member(), 1, Integer::sum);
            all.add(p);
        }
        assertEquals(3, placed.size(), placed::toString);
        placed.values().forEach(n -> assertEquals(10, n, placed::toString));

        // the chunks of one member end: it gets the next ones until it is level with the others again
        UUID freed = all.get(0).member();
        all.stream().filter(p -> p.member().equals(freed)).forEach(spread::done);
        assertEquals(0, spread.inFlight(freed));
        for (int i = 0; i < 10; i++) {
            assertEquals(freed, spread.next().member(), "the member with nothing in flight is chosen first");
        }
        assertEquals(10, spread.inFlight(freed));
    }

    @Test
    void aLoneMemberLeavesThePlacementToTheExecutor() throws Exception {
        int port = MemberJvms.freePort();
        HazelcastInstance alone = Hazelcast.newHazelcastInstance(HazelcastConfigs.member("alone-" + UUID.randomUUID(),
                port, List.of("127.0.0.1:" + port), 1, true, null));
        try {
            assertNull(new MemberSpread(alone).next());
        } finally {
            alone.shutdown();
        }
    }
}
