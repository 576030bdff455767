package io.github.camelparallel.contract;

import java.nio.file.Path;

/** {@code streaming=true} over {@code backend=hazelcast} (an embedded member). */
class HazelcastStreamingContractTest extends StreamingContractSuite {

    @Override
    protected String backendOptions(Path scratch) {
        return "backend=hazelcast";
    }
}
