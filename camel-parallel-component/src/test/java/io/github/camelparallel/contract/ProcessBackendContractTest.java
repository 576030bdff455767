package io.github.camelparallel.contract;

import java.nio.file.Path;

import org.apache.camel.CamelContext;

/**
 * The backend contract over {@code backend=process}: real worker JVMs run the contract's task classes; the scratch
 * directory reaches them through {@code workerEnv}. A late item's worker is killed and replaced instead of
 * interrupted; nested batches do not apply (a worker process cannot send to this JVM's routes).
 */
class ProcessBackendContractTest extends BackendContractSuite {

    @Override
    protected String backendOptions(Path scratch) {
        return "backend=process&workerEnv." + ContractTasks.SCRATCH_ENV + "=" + scratch;
    }

    @Override
    protected boolean tasksCanSendToRoutes() {
        return false;
    }

    @Override
    protected void poolStarted(CamelContext context, String pool) throws InterruptedException {
        ProcessPoolWarm.awaitEveryWorker(context, pool);
    }
}
