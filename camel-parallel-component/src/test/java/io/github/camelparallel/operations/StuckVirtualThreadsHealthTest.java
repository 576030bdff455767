package io.github.camelparallel.operations;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** {@link StuckThreadsHealthTest} on virtual threads (poolSize running tasks); JDK 21+, run on the second JDK too. */
@Tag("jdk21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+")
class StuckVirtualThreadsHealthTest extends StuckThreadsHealthTest {

    @Override
    protected String backend() {
        return "virtual";
    }
}
