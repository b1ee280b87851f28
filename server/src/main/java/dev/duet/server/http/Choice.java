package dev.duet.server.http;

import dev.duet.common.LogText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One control's value: fixed ({@code 503}), or weighted choices in fortio's form, each value with
 * the percentage of requests that get it ({@code 503:10,200:90}). Percentages may add up to less
 * than 100: the rest of the requests are answered as if the control were not there
 * ({@code 503:10} alone fails one request in ten).
 *
 * @param options  the values, each with the percentage up to which a draw picks it
 * @param text     as given, for showing back
 */
record Choice<T>(List<Option<T>> options, String text) {
    private static final BigDecimal ALL = BigDecimal.valueOf(100);

    record Option<T>(T value, double upTo) {}

    /** A fixed value. */
    static <T> Choice<T> of(T value, String text) {
        return new Choice<>(List.of(new Option<>(value, 100)), text);
    }

    /**
     * The choice {@code text} holds; weighted when it has a {@code :} or a {@code ,}.
     *
     * @throws IllegalArgumentException saying what was expected, from {@code value} or of the weights
     */
    static <T> Choice<T> parse(String text, Function<String, T> value) {
        String trimmed = text.trim();
        if (trimmed.indexOf(':') < 0 && trimmed.indexOf(',') < 0) {
            return of(value.apply(trimmed), trimmed);
        }
        List<Option<T>> options = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (String piece : trimmed.split(",", -1)) {
            int colon = piece.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "expected weighted choices such as 503:10,200:90, got " + LogText.quote(trimmed));
            }
            BigDecimal weight = weight(piece.substring(colon + 1).trim(), trimmed);
            total = total.add(weight);
            if (total.compareTo(ALL) > 0) {
                throw new IllegalArgumentException(
                        "the percentages add up to more than 100 in " + LogText.quote(trimmed));
            }
            options.add(new Option<>(value.apply(piece.substring(0, colon).trim()), total.doubleValue()));
        }
        return new Choice<>(List.copyOf(options), trimmed);
    }

    private static BigDecimal weight(String text, String whole) {
        try {
            BigDecimal weight = new BigDecimal(text);
            if (weight.signum() >= 0 && weight.compareTo(ALL) <= 0) {
                return weight;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("expected a percentage from 0 to 100 after each ':', got "
                + LogText.quote(text) + " in " + LogText.quote(whole));
    }

    /** True when a draw decides: more than one value, or one for fewer than all requests. */
    boolean weighted() {
        return options.size() > 1 || options.get(0).upTo() < 100;
    }

    /** The value for a draw in [0, 100): null when the draw falls past every percentage. */
    T pick(double percent) {
        for (Option<T> option : options) {
            if (percent < option.upTo()) {
                return option.value();
            }
        }
        return null;
    }

    /** Every value this choice may give. */
    List<T> values() {
        return options.stream().map(Option::value).toList();
    }
}
