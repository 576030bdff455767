package io.github.camelparallel.contract;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * The backend contract over {@code backend=virtual}. Needs JDK 21+: the build runs it a second time on the JDK 21+
 * installed beside the build JDK (profile {@code virtual-threads-on-second-jdk}); on JDK 17 every test is reported
 * as skipped with the reason.
 */
@Tag("jdk21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; the build runs this class"
        + " again on a JDK 21+ when one is installed (profile virtual-threads-on-second-jdk)")
class VirtualBackendContractTest extends BackendContractSuite {

    @Override
    protected String backendOptions(java.nio.file.Path scratch) {
        return "backend=virtual";
    }
}
