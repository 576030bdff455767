package io.github.camelparallel.contract;

import java.nio.file.Path;

/**
 * The backend contract over {@code backend=inline}, a test-only backend found by name through its service file
 * (as a third party's backend would be): a backend added without touching the component keeps the same promises.
 */
class InlineBackendContractTest extends BackendContractSuite {

    @Override
    protected String backendOptions(Path scratch) {
        return "backend=inline";
    }
}
