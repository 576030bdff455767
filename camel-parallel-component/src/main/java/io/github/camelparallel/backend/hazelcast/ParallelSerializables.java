package io.github.camelparallel.backend.hazelcast;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * The types this backend sends between members, by Hazelcast's identified data serialization: no Java serialization,
 * no reflection, no class name read from the wire (only this factory's two ids). Every member and client of the
 * cluster registers the factory ({@link HazelcastConfigs}). Stateless and thread-safe.
 */
public final class ParallelSerializables implements DataSerializableFactory {

    /** The factory id; unique among the factories of a cluster. */
    public static final int FACTORY_ID = 0x0CA7E1;
    static final int CHUNK_TASK = 1;
    static final int CANCEL_RUN = 2;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case CHUNK_TASK -> new ChunkTask();
            case CANCEL_RUN -> new CancelRun();
            default -> null;
        };
    }
}
