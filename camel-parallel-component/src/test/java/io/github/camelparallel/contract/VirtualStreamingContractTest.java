package io.github.camelparallel.contract;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** {@code streaming=true} over {@code backend=virtual}; JDK 21+ (see {@link VirtualBackendContractTest}). */
@Tag("jdk21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; the build runs this class"
        + " again on a JDK 21+ when one is installed (profile virtual-threads-on-second-jdk)")
class VirtualStreamingContractTest extends StreamingContractSuite {

    @Override
    protected String backendOptions(Path scratch) {
        return "backend=virtual";
    }
}
