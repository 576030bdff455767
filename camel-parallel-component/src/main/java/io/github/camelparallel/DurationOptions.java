package io.github.camelparallel;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.camel.spi.UriParam;
import org.apache.camel.util.TimeUtils;

/**
 * Strict reading of an endpoint URI's duration options ({@code taskTimeout}, {@code timeout}, {@code retryDelay},
 * ...: every {@link UriParam} of {@link ParallelConfiguration} typed {@code java.time.Duration}). Camel's own
 * conversion reads many strings it does not understand ({@code later}, {@code abc}) as 0 ms, which for a timeout
 * silently means "no bound"; an endpoint fails at start instead, naming the option and the value. A value that reads
 * as 0 is accepted only when it says 0. Stateless.
 */
final class DurationOptions {

    private static final Set<String> NAMES = Arrays.stream(ParallelConfiguration.class.getDeclaredFields())
            .filter(f -> f.isAnnotationPresent(UriParam.class)
                    && "java.time.Duration".equals(f.getAnnotation(UriParam.class).javaType()))
            .map(Field::getName).collect(Collectors.toUnmodifiableSet());
    private static final Pattern ZERO = Pattern.compile("\\s*(0+(\\s*[a-z]+)?|P(T?0+[DHMS])+|PT0*\\.?0*S)\\s*",
            Pattern.CASE_INSENSITIVE);

    private DurationOptions() {
    }

    /** Fails with a message naming the option and the value when a duration option's text is not a duration. */
    static void check(String poolName, Map<String, Object> parameters) {
        parameters.forEach((key, value) -> {
            if (value instanceof String text && NAMES.stream().anyMatch(key::equalsIgnoreCase) && !readable(text)) {
                throw new IllegalArgumentException("Option " + key + " of parallel:" + poolName + " is not a duration: '"
                        + text + "'. Use milliseconds (500) or a duration such as 500ms, 2s, 1m30s or PT2S.");
            }
        });
    }

    private static boolean readable(String text) {
        if (text.startsWith("#")) {
            return true; // a reference, resolved by Camel
        }
        try {
            return TimeUtils.toDuration(text).toMillis() != 0 || ZERO.matcher(text).matches();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
