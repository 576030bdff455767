package io.github.camelparallel.backend.hazelcast;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;

/**
 * Where the next chunk goes: the data member with the fewest of this pool's chunks in flight, reached through a
 * partition key that member owns. The durable executor alone puts each chunk on a random partition, so a batch of a
 * few chunks per member often ends waiting for its unluckiest member while the others idle; counting chunks in flight
 * also gives a faster (or less loaded) member more of them.
 * <p>
 * Placement only: which member owns a partition, migration, failure detection and running a dead member's tasks on
 * the backup stay Hazelcast's (a chunk runs on its key's owner at the time of the hand-over). With one data member
 * there is nothing to choose and {@link #next()} answers null (submit without a key).
 * <p>
 * Thread-safe: the key table is filled once under this object's lock, counts are atomic; a count can be off by a
 * chunk while a member leaves (its entry is dropped when it is no longer a member).
 */
final class MemberSpread {

    /** A chunk's destination: the member it was counted on and the key whose owner it is. */
    record Placement(UUID member, Integer key) {
    }

    private final HazelcastInstance instance;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger cursor = new AtomicInteger();
    private volatile Integer[] keyOfPartition;

    MemberSpread(HazelcastInstance instance) {
        this.instance = instance;
    }

    /** The placement of the next chunk, counted in flight until {@link #done}; null with fewer than two data members. */
    Placement next() {
        Set<Member> members = instance.getCluster().getMembers();
        if (members.size() < 2) {
            return null;
        }
        Member target = null;
        int fewest = Integer.MAX_VALUE;
        int start = cursor.get();
        int dataMembers = 0;
        Member[] all = members.toArray(new Member[0]);
        for (int n = 0; n < all.length; n++) {
            Member m = all[(start + n) % all.length];
            if (m.isLiteMember()) {
                continue;
            }
            int count = inFlight.computeIfAbsent(m.getUuid(), id -> new AtomicInteger()).get();
            if (count < fewest) {
                fewest = count;
                target = m;
            }
            dataMembers++;
        }
        if (target == null || dataMembers < 2) {
            return null;
        }
        Integer key = keyOwnedBy(target.getUuid());
        if (key == null) {
            return null; // the member owns no partition yet (it just joined): let the executor choose
        }
        inFlight.get(target.getUuid()).incrementAndGet();
        return new Placement(target.getUuid(), key);
    }

    /** The chunk placed on {@code placement} ended (answered, failed or timed out). */
    void done(Placement placement) {
        if (placement == null) {
            return;
        }
        AtomicInteger count = inFlight.get(placement.member());
        if (count != null && count.decrementAndGet() <= 0 && !isMember(placement.member())) {
            inFlight.remove(placement.member());
        }
    }

    /** Chunks of this pool in flight on a member (for tests). */
    int inFlight(UUID member) {
        AtomicInteger count = inFlight.get(member);
        return count == null ? 0 : count.get();
    }

    private boolean isMember(UUID member) {
        return instance.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().equals(member));
    }

    /** A key of a partition {@code member} owns now, starting from a rotating partition so chunks spread over them. */
    private Integer keyOwnedBy(UUID member) {
        Integer[] keys = keys();
        PartitionService partitions = instance.getPartitionService();
        int start = Math.floorMod(cursor.getAndIncrement(), keys.length);
        for (int n = 0; n < keys.length; n++) {
            Integer key = keys[(start + n) % keys.length];
            Member owner = partitions.getPartition(key).getOwner();
            if (owner != null && owner.getUuid().equals(member)) {
                return key;
            }
        }
        return null;
    }

    /** For every partition id, an Integer key that hashes to it (found once: about 1,500 tries for 271 partitions). */
    private Integer[] keys() {
        Integer[] keys = keyOfPartition;
        if (keys != null) {
            return keys;
        }
        synchronized (this) {
            if (keyOfPartition == null) {
                PartitionService partitions = instance.getPartitionService();
                int count = partitions.getPartitions().size();
                Integer[] found = new Integer[count];
                int missing = count;
                for (int candidate = 0; missing > 0 && candidate < 1_000_000; candidate++) {
                    Partition partition = partitions.getPartition(candidate);
                    int id = partition.getPartitionId();
                    if (found[id] == null) {
                        found[id] = candidate;
                        missing--;
                    }
                }
                keyOfPartition = Arrays.stream(found).filter(Objects::nonNull)
                        .toArray(Integer[]::new);
            }
            return keyOfPartition;
        }
    }
}
