package io.github.camelparallel.reliability;

/** {@link FinishedResultsSuite} on platform threads. */
class FinishedResultsThreadTest extends FinishedResultsSuite {

    @Override
    protected String backendOptions() {
        return "backend=thread";
    }
}
