package io.github.camelparallel.contract;

import java.nio.file.Path;

import org.apache.camel.CamelContext;

/** {@code streaming=true} over {@code backend=process}: real worker JVMs; a closed stream's running items are killed. */
class ProcessStreamingContractTest extends StreamingContractSuite {

    @Override
    protected String backendOptions(Path scratch) {
        return "backend=process&workerEnv." + ContractTasks.SCRATCH_ENV + "=" + scratch;
    }

    @Override
    protected void poolStarted(CamelContext context, String pool) throws InterruptedException {
        ProcessPoolWarm.awaitEveryWorker(context, pool);
    }
}
