package io.github.camelparallel;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a size in bytes written as people write it: {@code 536870912}, {@code 512MB}, {@code 512m}, {@code 1.5GB},
 * {@code 64KiB}. Units are powers of 1024 (as the JVM's {@code -Xmx512m} and the kernel's kB), spelled with or without
 * the B and the i. Stateless.
 */
final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)");

    private ByteSizes() {
    }

    /**
     * The size in bytes; null or blank is 0.
     *
     * @throws IllegalArgumentException naming the option and the text when it is not a size
     */
    static long parse(String option, String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("Option " + option + " must be a size in bytes such as 536870912, 512MB"
                    + " or 2GB, but was '" + text + "'");
        }
        int shift = switch (m.group(2).isEmpty() ? 'b' : m.group(2).charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        double bytes = Double.parseDouble(m.group(1)) * (1L << shift);
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("Option " + option + " is too large: '" + text + "'");
        }
        return (long) bytes;
    }
}
