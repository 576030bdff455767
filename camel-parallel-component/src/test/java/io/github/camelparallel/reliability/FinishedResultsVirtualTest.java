package io.github.camelparallel.reliability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** {@link FinishedResultsSuite} on virtual threads; JDK 21+ (run again on the second JDK by the build). */
@Tag("jdk21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+")
class FinishedResultsVirtualTest extends FinishedResultsSuite {

    @Override
    protected String backendOptions() {
        return "backend=virtual";
    }
}
