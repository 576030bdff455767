package io.github.camelparallel.reliability;

/** The load suite on {@code backend=thread}, with nested batches from inside the tasks. */
class LoadThreadTest extends LoadSuite {

    @Override
    protected String backendName() {
        return "thread";
    }

    @Override
    protected String backendOptions() {
        return "backend=thread";
    }

    @Override
    protected boolean nested() {
        return true;
    }
}
