package dev.duet.client.bench;

import dev.duet.common.LogText;
import dev.duet.common.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The types of bench's own option values: a rate or a ramp, stages, a list of percentiles. */
public final class BenchValues {
    private static final int MAX_RATE = 10_000_000;

    private BenchValues() {}

    /** {@code --rate N}, or {@code --rate FROM..TO} for a ramp. */
    public record Rate(int from, int to) {
        boolean ramps() {
            return from != to;
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + ".." + to;
        }
    }

    public static final ValueType<Rate> RATE = ValueType.of("N|FROM..TO", BenchValues::rate, Rate::toString, "2..5");

    public static final ValueType<List<Timetable.Stage>> STAGES =
            ValueType.of("STAGES", Timetable::parseStages, Timetable::formatStages, "30s:100,10s:0");

    /** The percentiles the report shows, unless {@code --percentiles} says others. */
    public static final List<Double> DEFAULT_PERCENTILES = List.of(50.0, 90.0, 99.0, 99.9);

    public static final ValueType<List<Double>> PERCENTILES =
            ValueType.of("LIST", BenchValues::percentiles, BenchValues::formatPercentiles, "50,99.99");

    private static Rate rate(String text) {
        String[] ends = text.trim().split("\\.\\.", -1);
        if (ends.length > 2) {
            throw new IllegalArgumentException("expected N or FROM..TO, got " + LogText.quote(text));
        }
        int from = whole(ends[0], text, ends.length == 2 ? 0 : 1);
        int to = ends.length == 2 ? whole(ends[1], text, 0) : from;
        if (from == 0 && to == 0) {
            throw new IllegalArgumentException("a ramp must rise above 0, got " + LogText.quote(text));
        }
        return new Rate(from, to);
    }

    private static int whole(String part, String text, int min) {
        try {
            int value = Integer.parseInt(part.trim());
            if (value >= min && value <= MAX_RATE) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException("expected requests a second (" + min + " to " + MAX_RATE
                + "), or FROM..TO, got " + LogText.quote(text));
    }

    private static List<Double> percentiles(String text) {
        List<Double> list = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            double p;
            try {
                p = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (!(p > 0 && p < 100)) {
                throw new IllegalArgumentException(
                        "expected percentiles above 0 and below 100, such as 50,90,99,99.9, got "
                                + LogText.quote(text));
            }
            list.add(p);
        }
        return List.copyOf(list);
    }

    static String formatPercentiles(List<Double> percentiles) {
        return percentiles.stream().map(BenchValues::percentileName).collect(Collectors.joining(","));
    }

    /** {@code 99.9} for 99.9, {@code 50} for 50.0: as the user would write it. */
    static String percentileName(double p) {
        return new BigDecimal(Double.toString(p)).stripTrailingZeros().toPlainString();
    }
}
