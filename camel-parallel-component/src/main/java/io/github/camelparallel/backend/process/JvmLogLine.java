package io.github.camelparallel.backend.process;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a line of a JVM's own unified logging ({@code -Xlog}) in its default decorations,
 * {@code [<uptime>s][<level>][<tags>] message}, for example JFR's start-up message
 * {@code [0.831s][info][jfr,startup] Started recording 1. ...}. HotSpot writes some of these to stdout whatever the
 * {@code -Xlog} options say (JFR's start-up lines on JDK 17, even with {@code -Xlog:disable -Xlog:jfr+startup=off}),
 * so a worker running on a JVM cannot keep them off the protocol channel. Such a line is never a frame (it is not
 * JSON), so the pool logs it instead of treating it as a protocol break (docs/worker-protocol.md, section 6).
 * <p>
 * The match is exact: uptime with three decimals, one of the five levels (HotSpot may pad it with spaces), lowercase
 * tags separated by commas (may be padded too), then nothing or a space and the message. Anything else is not a JVM
 * log line. Stateless and thread-safe.
 */
final class JvmLogLine {

    private static final Pattern PREFIX = Pattern
            .compile("\\[\\d+\\.\\d{3}s\\]\\[(trace|debug|info|warning|error) *\\]\\[[a-z0-9_]+(?:,[a-z0-9_]+)* *\\](?: .*)?");

    private JvmLogLine() {
    }

    /** The line's level ({@code info}, {@code warning}, ...) when it is a JVM log line, else null. */
    static String level(String line) {
        if (line.isEmpty() || line.charAt(0) != '[') {
            return null;
        }
        Matcher matcher = PREFIX.matcher(line);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** Whether the parent should log it as a warning: the JVM's {@code warning} and {@code error} levels. */
    static boolean isWarning(String level) {
        return "warning".equals(level) || "error".equals(level);
    }
}
