package io.github.camelparallel;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.TypeConverter;

/**
 * Strict reading of an endpoint URI's duration options ({@code taskTimeout}, {@code timeout}, {@code retryDelay},
 * ...: every {@code @UriParam} of {@link ParallelConfiguration} typed {@code java.time.Duration}). Camel's own
 * conversion reads many strings it does not understand ({@code later}, {@code abc}) as 0 ms, which for a timeout
 * silently means "no bound"; an endpoint fails at start instead, naming the option and the value. A value that reads
 * as 0 is accepted only when it says 0. Stateless.
 */
final class DurationOptions {

    /**
     * The options typed {@code java.time.Duration}, named here rather than found by reflection at run time: reading the
     * annotations would leave them cached for the life of the class (DurationOptionsTest keeps the list complete).
     */
    static final Set<String> NAMES = Set.of("progressInterval", "retryDelay", "taskTimeout", "timeout",
            "workerStartupTimeout", "clientConnectTimeout");
    private static final Pattern ZERO = Pattern.compile("\\s*(0+(\\s*[a-z]+)?|P(T?0+[DHMS])+|PT0*\\.?0*S)\\s*",
            Pattern.CASE_INSENSITIVE);

    private DurationOptions() {
    }

    /**
     * Fails with a message naming the option and the value when a duration option's text is not a duration.
     *
     * @param converter the context's type converter: the one that binds the option afterwards
     */
    static void check(String poolName, Map<String, Object> parameters, TypeConverter converter) {
        parameters.forEach((key, value) -> {
            if (value instanceof String text && NAMES.stream().anyMatch(key::equalsIgnoreCase)
                    && !readable(text, converter)) {
                throw new IllegalArgumentException("Option " + key + " of parallel:" + poolName + " is not a duration: '"
                        + text + "'. Use milliseconds (500) or a duration such as 500ms, 2s, 1m30s or PT2S.");
            }
        });
    }

    private static boolean readable(String text, TypeConverter converter) {
        if (text.startsWith("#")) {
            return true; // a reference, resolved by Camel
        }
        try {
            return converter.mandatoryConvertTo(Duration.class, text).toMillis() != 0 || ZERO.matcher(text).matches();
        } catch (RuntimeException | NoTypeConversionAvailableException e) {
            return false;
        }
    }
}
