package io.github.camelparallel;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.spi.UriParam;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The strict duration check knows every option of {@link ParallelConfiguration} typed {@code java.time.Duration}. */
class DurationOptionsTest {

    @Test
    void theNamedDurationOptionsAreExactlyTheConfigurationsDurationOptions() {
        Set<String> declared = Arrays.stream(ParallelConfiguration.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(UriParam.class)
                        && "java.time.Duration".equals(f.getAnnotation(UriParam.class).javaType()))
                .map(Field::getName).collect(Collectors.toSet());
        assertEquals(declared, DurationOptions.NAMES);
    }
}
