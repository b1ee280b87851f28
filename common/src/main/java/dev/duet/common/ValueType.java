package dev.duet.common;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an option's value is, as typed on a command line or in an environment variable: how it is
 * written in help ({@code TIME}), how the text becomes a value, and how a value is shown back (a
 * default in {@code --help}). A parse error says what was expected; the parser adds where the text
 * came from.
 */
public final class ValueType<T> {
    private final String metavar;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final boolean takesValue;
    private final String example;

    private ValueType(
            String metavar,
            Function<String, T> parser,
            Function<T, String> formatter,
            boolean takesValue,
            String example) {
        this.metavar = metavar;
        this.parser = parser;
        this.formatter = formatter;
        this.takesValue = takesValue;
        this.example = example;
    }

    /**
     * A custom type: {@code parser} throws {@link IllegalArgumentException} with what it expected;
     * {@code example} is a valid text, for tests that set every option.
     */
    public static <T> ValueType<T> of(
            String metavar, Function<String, T> parser, Function<T, String> formatter, String example) {
        return new ValueType<>(metavar, parser, formatter, true, example);
    }

    /** Any text, as given. */
    public static final ValueType<String> TEXT = of("TEXT", text -> text, text -> text, "example");

    /** Text that is not empty. */
    public static final ValueType<String> NON_EMPTY_TEXT = of(
            "TEXT",
            text -> {
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("expected some text, got nothing");
                }
                return text;
            },
            text -> text,
            "example");

    /** {@code 250ms}, {@code 3s}, {@code 1.5s}, {@code 2m}, {@code 1h}; zero allowed. */
    public static final ValueType<Duration> TIME = of("TIME", Durations::parse, Durations::format, "7s");

    /** A time longer than zero, for intervals and run lengths. */
    public static final ValueType<Duration> POSITIVE_TIME = of(
            "TIME",
            text -> {
                Duration time = Durations.parse(text);
                if (time.isZero()) {
                    throw new IllegalArgumentException("expected a time longer than 0, got " + LogText.quote(text));
                }
                return time;
            },
            Durations::format,
            "7s");

    /** A TCP port; 0 asks the system for a free one. */
    public static final ValueType<Integer> PORT = wholeNumber("PORT", 0, 65535, "a port number (0-65535)", 4321);

    /** A path the platform can hold; a NUL byte, say, cannot be. */
    public static final ValueType<Path> PATH = of(
            "PATH",
            text -> {
                try {
                    return Path.of(text);
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException("not a valid path: " + LogText.quote(text));
                }
            },
            Path::toString,
            "example.sock");

    /** A switch: present or not on the command line; {@code true}/{@code false} (or 1/0, yes/no, on/off) in the environment. */
    public static final ValueType<Boolean> SWITCH = new ValueType<>(
            "",
            text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "1", "true", "yes", "on" -> true;
                case "0", "false", "no", "off" -> false;
                default -> throw new IllegalArgumentException("expected true or false, got " + LogText.quote(text));
            },
            on -> on ? "on" : "off",
            false,
            "true");

    /** {@code on} or {@code off}, for a feature that is on unless turned off ({@code --controls off}). */
    public static final ValueType<Boolean> ON_OFF = of(
            "on|off",
            text -> switch (text) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("expected on or off, got " + LogText.quote(text));
            },
            on -> on ? "on" : "off",
            "off");

    /** A whole number from {@code min} to {@code max}. */
    public static ValueType<Integer> count(int min, int max) {
        return wholeNumber("N", min, max, "a whole number from " + min + " to " + max, Math.min(min + 1, max));
    }

    /** Bytes, written as {@code 8192}, {@code 8KiB}, {@code 10MiB} or {@code 1GiB}, from {@code min} to {@code max}. */
    public static ValueType<Long> size(long min, long max) {
        return of(
                "SIZE",
                text -> {
                    long bytes = ByteSizes.parse(text);
                    if (bytes < min || bytes > max) {
                        throw new IllegalArgumentException("expected a size from " + ByteSizes.format(min) + " to "
                                + ByteSizes.format(max) + ", got " + LogText.quote(text));
                    }
                    return bytes;
                },
                ByteSizes::format,
                ByteSizes.format(min));
    }

    /** One of a few words, such as {@code text} or {@code json}. */
    public static ValueType<String> oneOf(String... words) {
        List<String> allowed = List.of(words);
        return of(
                String.join("|", allowed),
                text -> {
                    if (!allowed.contains(text)) {
                        throw new IllegalArgumentException(
                                "expected one of " + String.join(", ", allowed) + ", got " + LogText.quote(text));
                    }
                    return text;
                },
                text -> text,
                words[words.length - 1]);
    }

    /**
     * One value of a repeatable option, as a list of it: the parser gathers the lists of each time
     * the flag is given.
     */
    public ValueType<List<T>> list() {
        return new ValueType<>(
                metavar,
                text -> List.of(parser.apply(text)),
                values -> values.stream().map(formatter).collect(Collectors.joining(", ")),
                takesValue,
                example);
    }

    /** This type for an option that may be left unset: unset is {@link Optional#empty()}. */
    public ValueType<Optional<T>> optional() {
        return new ValueType<>(
                metavar,
                text -> Optional.of(parser.apply(text)),
                value -> value.map(formatter).orElse(""),
                takesValue,
                example);
    }

    /** The same type under another name in help, such as {@code HOST} for text. */
    public ValueType<T> named(String newMetavar) {
        return new ValueType<>(newMetavar, parser, formatter, takesValue, example);
    }

    public String metavar() {
        return metavar;
    }

    /** A switch takes no value on the command line. */
    public boolean takesValue() {
        return takesValue;
    }

    /** The value of {@code text}; an {@link IllegalArgumentException} says what was expected. */
    public T parse(String text) {
        return parser.apply(text);
    }

    public String format(T value) {
        return formatter.apply(value);
    }

    /** A valid text of this type, for tests that set every option. */
    public String example() {
        return example;
    }

    private static ValueType<Integer> wholeNumber(String metavar, int min, int max, String expected, int example) {
        return of(
                metavar,
                text -> {
                    try {
                        int value = Integer.parseInt(text.trim());
                        if (value >= min && value <= max) {
                            return value;
                        }
                    } catch (NumberFormatException ignored) {
                        // reported below with the same message as an out-of-range number
                    }
                    throw new IllegalArgumentException("expected " + expected + ", got " + LogText.quote(text));
                },
                String::valueOf,
                Integer.toString(example));
    }
}
