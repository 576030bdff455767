package io.github.camelparallel.cache;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ResultCacheBackendsTest}'s check over {@code backend=virtual}. Needs JDK 21+: the build runs it a second time
 * on the JDK 21+ installed beside the build JDK (profile {@code virtual-threads-on-second-jdk}).
 */
@Tag("jdk21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; the build runs this class"
        + " again on a JDK 21+ when one is installed (profile virtual-threads-on-second-jdk)")
class VirtualResultCacheTest {

    @TempDir
    Path scratch;
    @TempDir
    Path cacheDir;

    @Test
    void aSecondRunOfTheBatchRunsNoTask() throws Exception {
        ResultCacheBackendsTest.secondRunRunsNoTask("virtual", false, scratch, cacheDir);
    }

    @Test
    void aSecondStreamedRunOfTheBatchRunsNoTask() throws Exception {
        ResultCacheBackendsTest.secondRunRunsNoTask("virtual", true, scratch, cacheDir);
    }
}
