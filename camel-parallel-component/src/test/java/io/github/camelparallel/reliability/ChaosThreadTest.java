package io.github.camelparallel.reliability;

import io.github.camelparallel.spi.BackendStatus;
import io.github.camelparallel.spi.ObservableBackend;

/**
 * The chaos suite on platform threads: random task exceptions and items over {@code taskTimeout} (interrupted), no
 * kills (a thread cannot be killed). Full strength: every thread of the pool idle and the pool running.
 */
class ChaosThreadTest extends ChaosSuite {

    @Override
    protected String backendName() {
        return "thread";
    }

    @Override
    protected String backendOptions() {
        return "backend=thread";
    }

    @Override
    protected int quickRounds() {
        return 10;
    }

    @Override
    protected void assertFullStrength() throws InterruptedException {
        awaitIdle((ObservableBackend) backend(), poolSize());
    }

    /**
     * Waits until the backend reports {@code workers} workers, none busy, nothing queued (or no queue: -1) and no
     * problem.
     */
    static void awaitIdle(ObservableBackend backend, int workers) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        BackendStatus status = backend.status();
        while (!(status.workers() == workers && status.busy() == 0 && status.queued() <= 0 && status.problem() == null)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            status = backend.status();
        }
        if (status.workers() != workers || status.busy() != 0 || status.queued() > 0 || status.problem() != null) {
            throw new AssertionError("the pool is not back to full strength: " + status);
        }
    }
}
