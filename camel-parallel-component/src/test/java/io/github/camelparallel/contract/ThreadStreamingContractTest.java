package io.github.camelparallel.contract;

import java.nio.file.Path;

/** {@code streaming=true} over {@code backend=thread}. */
class ThreadStreamingContractTest extends StreamingContractSuite {

    @Override
    protected String backendOptions(Path scratch) {
        return "backend=thread";
    }
}
