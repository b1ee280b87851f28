package dev.duet.client.bench;

import dev.duet.common.Durations;
import dev.duet.common.LogText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An open loop's rate over time: stretches in which the rate goes in a straight line from one
 * value to the next ({@code --rate}, {@code --rate FROM..TO --ramp}, {@code --stages}). Request
 * {@code n} (from 0) is due when the requests due so far, the area under the rate, reach {@code
 * n}: evenly spaced at a constant rate, closer and closer on a rising ramp. Pure arithmetic on
 * nanoseconds from the start, so tests measure the timetable, not a clock.
 */
public record Timetable(List<Stretch> stretches) {
    /** Requests a second going from {@code from} to {@code to} over {@code nanos}. */
    record Stretch(long nanos, double from, double to) {
        double requests() {
            return (from + to) / 2 * nanos / 1e9;
        }
    }

    /** A k6 stage: to {@code target} requests a second over {@code length}, from where the last one ended. */
    public record Stage(Duration length, int target) {
        @Override
        public String toString() {
            return Durations.format(length) + ":" + target;
        }
    }

    public Timetable {
        stretches = List.copyOf(stretches);
    }

    static Timetable constant(int rate, Duration length) {
        return new Timetable(List.of(new Stretch(length.toNanos(), rate, rate)));
    }

    /** From {@code from} to {@code to} over {@code ramp}, then {@code to} until {@code length} is up. */
    static Timetable ramp(int from, int to, Duration ramp, Duration length) {
        List<Stretch> stretches = new ArrayList<>();
        stretches.add(new Stretch(ramp.toNanos(), from, to));
        if (length.compareTo(ramp) > 0) {
            stretches.add(new Stretch(length.minus(ramp).toNanos(), to, to));
        }
        return new Timetable(stretches);
    }

    /** k6's stages: the first one starts from 0 requests a second. */
    static Timetable stages(List<Stage> stages) {
        List<Stretch> stretches = new ArrayList<>();
        double from = 0;
        for (Stage stage : stages) {
            stretches.add(new Stretch(stage.length().toNanos(), from, stage.target()));
            from = stage.target();
        }
        return new Timetable(stretches);
    }

    /** {@code 30s:100,60s:2000,30s:0}: the text of {@code --stages}. */
    static List<Stage> parseStages(String text) {
        List<Stage> stages = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String[] lengthAndTarget = part.trim().split(":", -1);
            if (lengthAndTarget.length != 2) {
                throw new IllegalArgumentException(
                        "expected stages such as 30s:100,60s:2000,30s:0 (TIME:RATE, comma-separated), got "
                                + LogText.quote(text));
            }
            Duration length = Durations.parse(lengthAndTarget[0]);
            if (length.isZero()) {
                throw new IllegalArgumentException("a stage must last longer than 0, got " + LogText.quote(part));
            }
            int target;
            try {
                target = Integer.parseInt(lengthAndTarget[1].trim());
            } catch (NumberFormatException e) {
                target = -1;
            }
            if (target < 0 || target > 10_000_000) {
                throw new IllegalArgumentException(
                        "a stage's rate must be a whole number from 0 to 10000000, got " + LogText.quote(part));
            }
            stages.add(new Stage(length, target));
        }
        return stages;
    }

    static String formatStages(List<Stage> stages) {
        return stages.stream().map(Stage::toString).collect(Collectors.joining(","));
    }

    long nanos() {
        return stretches.stream().mapToLong(Stretch::nanos).sum();
    }

    /** How many requests the whole timetable has. */
    long requests() {
        return (long) Math.ceil(requestsBefore(nanos()) - 1e-9);
    }

    /** Whether the rate ever changes. */
    boolean ramps() {
        return stretches.size() > 1
                || stretches.get(0).from() != stretches.get(0).to();
    }

    /**
     * When request {@code n} is due, in nanoseconds from the start; {@link Long#MAX_VALUE} when the
     * timetable ends before it.
     */
    long dueNanos(long n) {
        double before = 0;
        long start = 0;
        for (Stretch s : stretches) {
            double after = before + s.requests();
            if (n < after) {
                return start + offset(s, n - before);
            }
            before = after;
            start += s.nanos();
        }
        return Long.MAX_VALUE;
    }

    /**
     * Nanoseconds into stretch {@code s} at which {@code c} of its requests have fallen due: the
     * root of {@code from*t + (to-from)/(2T)*t^2 = c}, in the form that stays exact where the
     * rate is constant ({@code c/from}) and where it starts from 0.
     */
    private static long offset(Stretch s, double c) {
        if (c <= 0) {
            return 0;
        }
        double seconds = s.nanos() / 1e9;
        double a = (s.to() - s.from()) / (2 * seconds);
        double b = s.from();
        if (a == 0) {
            return (long) (c * 1e9 / b);
        }
        double root = b + Math.sqrt(Math.max(0, b * b + 4 * a * c));
        return Math.min(s.nanos(), (long) (2 * c / root * 1e9));
    }

    /** Requests due before {@code nanos} from the start (a fraction: the area under the rate). */
    double requestsBefore(long nanos) {
        double before = 0;
        long start = 0;
        for (Stretch s : stretches) {
            if (nanos < start + s.nanos()) {
                double t = (nanos - start) / 1e9;
                double seconds = s.nanos() / 1e9;
                return before + s.from() * t + (s.to() - s.from()) / (2 * seconds) * t * t;
            }
            before += s.requests();
            start += s.nanos();
        }
        return before;
    }

    /** The rate asked for at {@code nanos} from the start; 0 after the end. */
    double rateAt(long nanos) {
        long start = 0;
        for (Stretch s : stretches) {
            if (nanos < start + s.nanos()) {
                return s.from() + (s.to() - s.from()) * (nanos - start) / s.nanos();
            }
            start += s.nanos();
        }
        return 0;
    }

    /** {@code 1,000/s}, {@code 100..5,000/s over 60s, then 5,000/s for 30s}, {@code stages 30s:100,...}. */
    String describe() {
        return stretches.stream()
                .map(s -> s.from() == s.to()
                        ? String.format(Locale.ROOT, "%,.0f/s for %s", s.from(), length(s))
                        : String.format(Locale.ROOT, "%,.0f..%,.0f/s over %s", s.from(), s.to(), length(s)))
                .collect(Collectors.joining(", then "));
    }

    private static String length(Stretch s) {
        return Durations.format(Duration.ofNanos(s.nanos()));
    }
}
