package dev.duet.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people type them: {@code 8192}, {@code 8KiB}, {@code 10MiB}, {@code 1GiB}. */
public final class ByteSizes {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

    private ByteSizes() {}

    public static long parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected a size such as 8192, 8KiB or 10MiB, got " + LogText.quote(text));
        }
        long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> 1;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size too large: " + LogText.quote(text));
        }
    }

    /** The shortest exact form, for help text and logs: {@code 10MiB}, {@code 8KiB}, {@code 1000}. */
    public static String format(long bytes) {
        if (bytes != 0) {
            for (int shift = 30; shift > 0; shift -= 10) {
                if (bytes % (1L << shift) == 0) {
                    return (bytes >> shift) + (shift == 30 ? "GiB" : shift == 20 ? "MiB" : "KiB");
                }
            }
        }
        return Long.toString(bytes);
    }
}
