package io.github.camelparallel.backend.hazelcast;

import java.io.IOException;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Sent to every member when a chunk must stop early (a late item, a batch that ended): the member running it
 * interrupts its thread; the others find nothing to do. Best effort: a task that ignores interrupts runs on.
 */
public final class CancelRun implements Runnable, IdentifiedDataSerializable {

    private String runId;

    /** For deserialization. */
    public CancelRun() {
    }

    CancelRun(String runId) {
        this.runId = runId;
    }

    @Override
    public void run() {
        MemberTasks.interrupt(runId);
    }

    @Override
    public int getFactoryId() {
        return ParallelSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ParallelSerializables.CANCEL_RUN;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(runId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        runId = in.readString();
    }
}
