package io.github.camelparallel.contract;

/** The backend contract over {@code backend=thread} (platform threads from Camel's ExecutorServiceManager). */
class ThreadBackendContractTest extends BackendContractSuite {

    @Override
    protected String backendOptions(java.nio.file.Path scratch) {
        return "backend=thread";
    }
}
