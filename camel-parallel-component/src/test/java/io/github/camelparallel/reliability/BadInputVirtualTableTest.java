package io.github.camelparallel.reliability;

import java.util.List;
import java.util.stream.Stream;

import io.github.camelparallel.reliability.BadInputTable.Target;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * The bad-input table over {@code backend=virtual}. Needs JDK 21+: the build runs it on the JDK 21+ installed beside
 * the build JDK (profile {@code virtual-threads-on-second-jdk}); on JDK 17 it is reported as skipped. A task stuck on a
 * virtual thread would not show in {@code Thread.getAllStackTraces()}, so the per-row "no thread left in the task"
 * check sees platform threads only here; the pool's own stop check still applies.
 */
@Tag("jdk21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; the build runs this class"
        + " again on a JDK 21+ when one is installed (profile virtual-threads-on-second-jdk)")
class BadInputVirtualTableTest {

    @TestFactory
    Stream<DynamicNode> badInputTable() {
        return Stream.of(BadInputRunner.target(Target.VIRTUAL),
                BadInputRunner.exitInChildJvm(List.of(Target.VIRTUAL)));
    }
}
