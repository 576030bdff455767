package io.github.camelparallel.contract;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import org.apache.camel.CamelContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A process pool's route starts at the first worker's hello; the contract's timing-sensitive cases (a slow item
 * overtaken by the others) need every worker ready, so the process suites wait for that here (within 60 s).
 */
final class ProcessPoolWarm {

    private ProcessPoolWarm() {
    }

    static void awaitEveryWorker(CamelContext context, String pool) throws InterruptedException {
        ProcessPoolBackend backend = (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class)
                .getPoolBackend(pool);
        long deadline = System.currentTimeMillis() + 60_000;
        while (backend.readyWorkers() < backend.liveWorkers() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(backend.liveWorkers(), backend.readyWorkers(), "every worker of parallel:" + pool + " ready");
    }
}
