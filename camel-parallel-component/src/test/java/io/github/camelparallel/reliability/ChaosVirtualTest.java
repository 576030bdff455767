package io.github.camelparallel.reliability;

import io.github.camelparallel.spi.ObservableBackend;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** The chaos suite on virtual threads (JDK 21+: the build runs it on the second JDK, as the virtual contract test). */
@Tag("jdk21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; the build runs this class"
        + " again on a JDK 21+ when one is installed (profile virtual-threads-on-second-jdk)")
class ChaosVirtualTest extends ChaosSuite {

    @Override
    protected String backendName() {
        return "virtual";
    }

    @Override
    protected String backendOptions() {
        return "backend=virtual";
    }

    @Override
    protected int quickRounds() {
        return 10;
    }

    @Override
    protected void assertFullStrength() throws InterruptedException {
        ChaosThreadTest.awaitIdle((ObservableBackend) backend(), poolSize());
    }
}
