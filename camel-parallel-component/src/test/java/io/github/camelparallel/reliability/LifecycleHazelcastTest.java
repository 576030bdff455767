package io.github.camelparallel.reliability;

import java.util.function.Function;

import io.github.camelparallel.process.Behaviour;

/**
 * The lifecycle suite on an embedded Hazelcast member (this JVM, alone): every stop fails the chunks in flight by
 * index and shuts the member down, every start forms a new one. The member runs the tasks in this JVM, so "finished"
 * claims are checked against the task's own record. Few quick cycles (a member takes seconds to start).
 */
class LifecycleHazelcastTest extends LifecycleSuite {

    /** {@link Behaviour}, recorded in {@link LifecycleSuite#FINISHED}: a class, as a cluster member creates it. */
    public static class RecordingBehaviour implements Function<String, String> {
        private final Function<String, String> recorded = recordingBehaviour();

        @Override
        public String apply(String item) {
            return recorded.apply(item);
        }
    }

    @Override
    protected String backendName() {
        return "hazelcast";
    }

    @Override
    protected String backendOptions() {
        return "backend=hazelcast&task=#class:" + RecordingBehaviour.class.getName();
    }

    @Override
    protected int quickCycles() {
        return 2;
    }

    @Override
    protected boolean recordsFinished() {
        return true;
    }
}
