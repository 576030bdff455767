package io.github.camelparallel.reliability;

/** The lifecycle suite on platform threads; the task records what finished, so "finished" claims are checked. */
class LifecycleThreadTest extends LifecycleSuite {

    @Override
    protected String backendName() {
        return "thread";
    }

    @Override
    protected String backendOptions() {
        return "backend=thread&task=#recording";
    }

    @Override
    protected int quickCycles() {
        return 5;
    }

    @Override
    protected boolean recordsFinished() {
        return true;
    }
}
