package dev.duet.client.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.duet.common.LogText;
import dev.duet.common.ValueType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * A pass/fail condition on a run, for CI ({@code --threshold}), as k6's thresholds are:
 *
 * <ul>
 *   <li>{@code p99<50ms}, {@code p99.9<=0.2s}, {@code max<1s}: latency (from each request's due
 *       time) at a percentile, or the slowest; in {@code us}, {@code ms} (the default) or {@code s};
 *   <li>{@code errors<0.1%}: failed requests as a share of those made; {@code errors<=10}: a count;
 *   <li>{@code rate>=0.95*target}: answers a second against the open loop's rate; {@code
 *       rate>=900}: against a number.
 * </ul>
 *
 * @param text     as the user wrote it, for the report
 * @param metric   {@code latency}, {@code errors} or {@code rate}
 * @param percentile for latency: the percentile, or 100 for {@code max}
 * @param operator {@code <}, {@code <=}, {@code >} or {@code >=}
 * @param limit    in milliseconds, percent, a count, or answers a second; for {@code F*target}, F
 * @param relative the limit is a share: of the requests made ({@code %}) or of the target rate
 */
public record Threshold(
        String text, String metric, double percentile, String operator, double limit, boolean relative) {

    private static final Pattern FORM = Pattern.compile(
            "\\s*(p\\d+(?:\\.\\d+)?|max|errors|rate)\\s*(<=|>=|<|>)\\s*([\\d.]+)\\s*(us|ms|s|%|\\*\\s*target)?\\s*");

    /** The type of {@code --threshold}'s value. */
    public static final ValueType<Threshold> TYPE =
            ValueType.of("CONDITION", Threshold::parse, Threshold::text, "p99<50ms");

    public static Threshold parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected a threshold such as p99<50ms, errors<0.1% or rate>=0.95*target, got "
                            + LogText.quote(text));
        }
        String name = m.group(1);
        double number;
        try {
            number = Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in threshold " + LogText.quote(text));
        }
        String unit = m.group(4) == null ? "" : m.group(4).replace(" ", "");
        String shown = text.strip();
        if (name.equals("errors")) {
            requireUnit(text, unit, "", "%");
            return new Threshold(shown, "errors", 0, m.group(2), number, unit.equals("%"));
        }
        if (name.equals("rate")) {
            requireUnit(text, unit, "", "*target");
            return new Threshold(shown, "rate", 0, m.group(2), number, !unit.isEmpty());
        }
        requireUnit(text, unit, "", "us", "ms", "s");
        double percentile = name.equals("max") ? 100 : Double.parseDouble(name.substring(1));
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException(
                    "a percentile must be above 0 and at most 100, got " + LogText.quote(text));
        }
        double ms = switch (unit) {
            case "us" -> number / 1000;
            case "s" -> number * 1000;
            default -> number;
        };
        return new Threshold(shown, "latency", percentile, m.group(2), ms, false);
    }

    private static void requireUnit(String text, String unit, String... allowed) {
        for (String a : allowed) {
            if (a.equals(unit)) {
                return;
            }
        }
        throw new IllegalArgumentException("threshold " + LogText.quote(text) + " cannot be in " + unit);
    }

    /** Whether it needs an open loop's target rate to be judged. */
    public boolean needsTarget() {
        return metric.equals("rate") && relative;
    }

    /**
     * What a threshold is judged on: the whole run, or one second of it.
     *
     * @param latency   latencies in microseconds, from each request's due time
     * @param made      requests made: answered, or failed without an answer
     * @param perSecond answers a second
     * @param target    the open loop's rate asked for, requests a second; null for a closed loop
     */
    record Measured(Histogram latency, long made, long errors, double perSecond, Double target) {}

    /**
     * The judgement on one run or second.
     *
     * @param value what was measured, in the threshold's terms (milliseconds, percent, a count,
     *     answers a second); null when there was nothing to measure (no answer), which fails
     * @param limit the bound it was held to, in the same terms
     */
    public record Verdict(
            String threshold,
            boolean holds,
            Double value,
            double limit,
            @JsonIgnore String measured) {
        /** {@code p99<50ms ok (12.34ms)}, {@code errors<0.1% BROKEN (2.500%)}. */
        String line() {
            return threshold + (holds ? " ok (" : " BROKEN (") + measured + ")";
        }
    }

    public Verdict judge(Measured run) {
        Double value = measure(run);
        double bound = needsTarget() ? (run.target() == null ? Double.NaN : limit * run.target()) : limit;
        boolean holds = value != null && !Double.isNaN(bound) && compare(value, bound);
        return new Verdict(
                text,
                holds,
                value == null ? null : round(value),
                round(bound),
                value == null ? "nothing measured" : format(value));
    }

    /** What the threshold is about, in its terms; null when nothing was measured (no answer, no request). */
    private Double measure(Measured run) {
        if (metric.equals("latency")) {
            Histogram h = run.latency();
            if (h.getTotalCount() == 0) {
                return null;
            }
            return (percentile == 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile)) / 1000.0;
        }
        if (metric.equals("errors") && !relative) {
            return (double) run.errors();
        }
        if (run.made() == 0) {
            return null;
        }
        return metric.equals("errors") ? 100.0 * run.errors() / run.made() : run.perSecond();
    }

    private boolean compare(double value, double bound) {
        return switch (operator) {
            case "<" -> value < bound;
            case "<=" -> value <= bound;
            case ">" -> value > bound;
            default -> value >= bound;
        };
    }

    private String format(double value) {
        return switch (metric) {
            case "latency" -> String.format(Locale.ROOT, "%.2fms", value);
            case "errors" ->
                relative ? String.format(Locale.ROOT, "%.3f%%", value) : String.format(Locale.ROOT, "%,.0f", value);
            default -> String.format(Locale.ROOT, "%,.1f/s", value);
        };
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
