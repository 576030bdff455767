package io.github.camelparallel.reliability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** The load suite on virtual threads, with nested batches (JDK 21+: run by the build on the second JDK). */
@Tag("jdk21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; the build runs this class"
        + " again on a JDK 21+ when one is installed (profile virtual-threads-on-second-jdk)")
class LoadVirtualTest extends LoadSuite {

    @Override
    protected String backendName() {
        return "virtual";
    }

    @Override
    protected String backendOptions() {
        return "backend=virtual";
    }

    @Override
    protected boolean nested() {
        return true;
    }
}
