package dev.duet.client.bench;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The run second by second, for the report's plots and for finding where a ramp broke: what each
 * second made, answered, failed and carried, and its latencies. Filled by the one thread that
 * watches the load, from what the {@link Tally} collected that second.
 */
final class RunSeries {
    /**
     * One second of the run (the last may be shorter: the run's end, and its answers in flight).
     *
     * @param end     seconds from the start at which it ended
     * @param seconds how long it lasted
     * @param target  the requests a second the timetable asked for in it; null for a closed loop
     * @param latency its answers' latencies, in microseconds from their due times
     */
    record Second(
            double end,
            double seconds,
            Double target,
            long answered,
            long made,
            long errors,
            long bytesSent,
            long bytesReceived,
            Histogram latency) {
        double perSecond() {
            return seconds > 0 ? answered / seconds : 0;
        }

        /** The second as a threshold judges it. */
        Threshold.Measured measured() {
            return new Threshold.Measured(latency, made, errors, perSecond(), target);
        }
    }

    private final Timetable timetable;
    private final List<Second> seconds = new ArrayList<>();
    private long lastAt;
    private long lastMade;
    private long lastErrors;
    private long lastSent;
    private long lastReceived;

    /** @param timetable the open loop's, for each second's target; null for a closed loop */
    RunSeries(Timetable timetable) {
        this.timetable = timetable;
    }

    /**
     * Adds the second that ended {@code atNanos} after the start.
     *
     * @param interval the latencies {@link Tally#collect} just gathered for it
     */
    void add(long atNanos, Histogram interval, Tally tally) {
        long made = tally.made();
        long errors = tally.errorCount();
        long sent = tally.bytesSent();
        long received = tally.bytesReceived();
        double length = (atNanos - lastAt) / 1e9;
        Double target = timetable == null || length <= 0
                ? null
                : (timetable.requestsBefore(atNanos) - timetable.requestsBefore(lastAt)) / length;
        seconds.add(new Second(
                atNanos / 1e9,
                length,
                target,
                interval.getTotalCount(),
                made - lastMade,
                errors - lastErrors,
                sent - lastSent,
                received - lastReceived,
                interval));
        lastAt = atNanos;
        lastMade = made;
        lastErrors = errors;
        lastSent = sent;
        lastReceived = received;
    }

    List<Second> seconds() {
        return List.copyOf(seconds);
    }
}
