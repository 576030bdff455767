package io.github.camelparallel.contract;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The backend contract over {@code backend=virtual}. Needs JDK 21+: the build runs it a second time on the JDK 21+
 * installed beside the build JDK (profile {@code virtual-threads-on-second-jdk}); on JDK 17 it is skipped.
 */
@Tag("jdk21")
class VirtualBackendContractTest extends BackendContractSuite {

    @BeforeAll
    static void needsJdk21() {
        assumeTrue(Runtime.version().feature() >= 21,
                "virtual threads need JDK 21+, this JVM is " + Runtime.version() + "; the build runs this class again on"
                        + " a JDK 21+ when one is installed (see the virtual-threads-on-second-jdk profile)");
    }

    @Override
    protected String backendOptions() {
        return "backend=virtual";
    }
}
