package io.github.camelparallel.contract;

import java.nio.file.Path;

/**
 * The backend contract over {@code backend=hazelcast} with an embedded member (this JVM, alone, on 127.0.0.1). Nested
 * batches do not apply: a task on a cluster member is not on this JVM's pool threads.
 */
class HazelcastBackendContractTest extends BackendContractSuite {

    @Override
    protected String backendOptions(Path scratch) {
        return "backend=hazelcast";
    }

    @Override
    protected boolean tasksCanSendToRoutes() {
        return false;
    }
}
