package io.github.camelparallel.backend.hazelcast;

import java.io.IOException;
import java.util.concurrent.Callable;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.ProtocolException;

/**
 * One chunk as it travels to a cluster member: the task class name and the worker protocol's {@code run} frame (a
 * JSON line), answered with its {@code result} frame. The member runs it as a JVM worker process would
 * ({@code RunExecutor.forClusterMember}): items fail alone (an unwritable result too), results come back in item order. The run id lets the parent interrupt it
 * ({@link CancelRun}). Immutable after deserialization; {@link #call()} runs on one member thread.
 */
public final class ChunkTask implements Callable<String>, IdentifiedDataSerializable {

    private String runId;
    private String taskClass;
    private String runLine;

    /** For deserialization. */
    public ChunkTask() {
    }

    ChunkTask(String runId, String taskClass, String runLine) {
        this.runId = runId;
        this.taskClass = taskClass;
        this.runLine = runLine;
    }

    @Override
    public String call() throws ProtocolException {
        Frame frame = FrameCodec.SHARED.decode(runLine);
        if (!(frame instanceof Frame.Run run)) {
            throw new ProtocolException("expected a run frame, got " + frame.getClass().getSimpleName());
        }
        if (!MemberTasks.started(runId)) {
            throw new java.util.concurrent.CancellationException("run " + runId + " was cancelled before it started");
        }
        try {
            return FrameCodec.SHARED.encode(MemberTasks.executor(taskClass).execute(run));
        } finally {
            MemberTasks.finished(runId);
            Thread.interrupted(); // an interrupt meant for this run must not reach the thread's next task
        }
    }

    @Override
    public int getFactoryId() {
        return ParallelSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ParallelSerializables.CHUNK_TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(runId);
        out.writeString(taskClass);
        out.writeString(runLine);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        runId = in.readString();
        taskClass = in.readString();
        runLine = in.readString();
    }
}
