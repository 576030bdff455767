package io.github.camelparallel.reliability;

import java.util.List;
import java.util.stream.Stream;

import io.github.camelparallel.reliability.BadInputTable.Target;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input table ({@link BadInputTable}) over the thread, process (JVM task and a misbehaving
 * {@code command=} worker) and Hazelcast backends, plus the rows that must stop a route from starting, plus
 * {@code System.exit} in a task of an in-JVM backend, run in a child JVM. The virtual backend runs the same table in
 * {@link BadInputVirtualTableTest} (JDK 21+).
 */
class BadInputTableTest {

    @TestFactory
    Stream<DynamicNode> badInputTable() {
        return Stream.of(BadInputRunner.startRows(),
                BadInputRunner.target(Target.THREAD),
                BadInputRunner.target(Target.PROCESS),
                BadInputRunner.target(Target.COMMAND),
                BadInputRunner.target(Target.HAZELCAST),
                BadInputRunner.exitInChildJvm(List.of(Target.THREAD, Target.HAZELCAST)));
    }
}
