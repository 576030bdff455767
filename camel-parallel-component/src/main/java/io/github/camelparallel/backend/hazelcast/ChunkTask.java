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
 * JSON line), answered with the nanoseconds it ran on the member and its {@code result} frame ({@link #answer}), so the
 * submitter can tell its round trip from its run time ({@code RoundTrips}). The member runs it as a JVM worker process would
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
            long t0 = System.nanoTime();
            String result = FrameCodec.SHARED.encode(MemberTasks.executor(taskClass).execute(run));
            return answer(System.nanoTime() - t0, result);
        } finally {
            MemberTasks.finished(runId);
            Thread.interrupted(); // an interrupt meant for this run must not reach the thread's next task
        }
    }

    /** The answer: the nanoseconds the chunk ran on the member, a space, the result frame. */
    static String answer(long runNanos, String resultLine) {
        return runNanos + " " + resultLine;
    }

    /** The run nanoseconds of an answer; -1 when it has none (a member of an older version sends the frame alone). */
    static long runNanos(String answer) {
        int space = answer.indexOf(' ');
        if (space <= 0 || !Character.isDigit(answer.charAt(0))) {
            return -1;
        }
        try {
            return Long.parseLong(answer, 0, space, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The result frame of an answer. */
    static String resultLine(String answer) {
        return runNanos(answer) < 0 ? answer : answer.substring(answer.indexOf(' ') + 1);
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
