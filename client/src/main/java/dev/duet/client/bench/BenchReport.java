package dev.duet.client.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.count.RunCounts;
import dev.duet.common.LogText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What a load run found, said four ways: the summary lines a person reads, one JSON object
 * ({@code --json}) for a script or a later merge, the percentile distribution HdrHistogram's plotter
 * reads ({@code --histogram}), and a page of plots ({@code --report}, {@link ReportPage}). All come
 * from the same {@link Summary}.
 */
final class BenchReport {
    /** Latencies in milliseconds at the percentiles asked for, and the slowest: {@code p50}, {@code p99.9}, {@code max}. */
    record Percentiles(Map<String, Double> values) {
        static Percentiles of(Histogram h, List<Double> at) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (double p : at) {
                values.put("p" + BenchValues.percentileName(p), ms(h.getValueAtPercentile(p)));
            }
            values.put("max", ms(h.getMaxValue()));
            return new Percentiles(values);
        }

        /** null for an empty histogram: nothing to say. */
        static Percentiles ofAny(Histogram h, List<Double> at) {
            return h.getTotalCount() > 0 ? of(h, at) : null;
        }

        @JsonValue
        Map<String, Double> json() {
            return values;
        }

        String line() {
            return values.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.2fms", e.getKey(), e.getValue()))
                    .collect(Collectors.joining("  "));
        }
    }

    /** One stretch of the timetable, for the JSON. */
    record Stretch(double seconds, double from, double to) {}

    /**
     * One second of the run, for the JSON.
     *
     * @param end       seconds from the start at which it ended
     * @param latency   its p50, p99 and max; null when nothing was answered in it
     * @param histogram its latencies, as {@link HistogramCodec} writes them, for merging
     * @param replicas  with --tally, its answers by replica (the timeline's same second); else null
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
            Percentiles latency,
            String histogram,
            Map<String, Long> replicas) {}

    /**
     * Where a ramp first broke a threshold: the first second that, judged alone, broke one.
     *
     * @param second  seconds from the start at which that second ended
     * @param target  the rate the timetable asked for in it
     * @param perSecond what was answered in it, a second
     */
    record BreakingPoint(double second, Double target, double perSecond, List<String> broken) {}

    /**
     * Every latency histogram of the run, as {@link HistogramCodec} writes them (null when empty).
     *
     * @param replicas with --tally, each replica's latencies, so merged runs give its exact percentiles; else null
     */
    record Histograms(
            String latency,
            String service,
            String path,
            String connect,
            String tls,
            String firstByte,
            Map<String, String> replicas) {}

    /**
     * Every key is always there, null when it has no value, so a script reads the same shape from
     * every run.
     *
     * @param model       {@code closed}, or {@code open} with the rate
     * @param rate        a constant open loop's requests a second; null otherwise
     * @param connections connections (or, for bench fork, children)
     * @param streams     requests in flight at once over HTTP/2's one connection; null otherwise
     * @param unit        {@code requests} or {@code round trips}
     * @param answered    how many were answered (whatever their status)
     * @param firstError  null when nothing failed
     * @param latency     from each one's due time; in a closed loop, from its sending; null when nothing was answered
     * @param service     from each one's sending; only for an open loop
     * @param path        from each one's sending, less the server's own time (Server-Timing): the
     *     network and what sits between; only when answers gave the server's time
     * @param sent        and the four after it: the run counted at both ends ({@link RunCounts}),
     *     for HTTP runs (null when not known, or not numbered: --run-id off); for bench udp, the
     *     datagrams sent, and {@code duplicates} those echoed twice
     * @param lost        bench udp: datagrams with no echo within the timeout; null otherwise
     * @param reordered   bench udp: echoes that came after a later datagram's; null otherwise
     * @param replicas    with --tally, each replica's answers, share, latency and errors, most
     *     answers first; else null
     * @param timeline    with --tally, each second's answers by replica; else null
     * @param requests    {@code -n}
     * @param targetRate  the open loop's mean rate asked for
     * @param timetable   the open loop's rates over time
     * @param dropped     requests a stall made late, dropped ({@code --no-catchup}); null without it
     * @param statusCodes answers by status
     * @param connect     new connections' TCP connects (TLS included)
     * @param tls         new connections' TLS handshakes
     * @param firstByte   from a new connection's start to the first byte of its first answer
     * @param thresholds  each {@code --threshold} judged; null when none was given
     * @param breakingPoint where a ramp first broke a threshold; null when it did not, or did not ramp
     * @param aborted     whether {@code --abort-on-threshold} stopped the run
     * @param percentiles the percentiles of each latency row
     * @param series      the run second by second
     */
    record Summary(
            String target,
            String model,
            Integer rate,
            int connections,
            Integer streams,
            String duration,
            double seconds,
            String unit,
            long answered,
            double perSecond,
            long errors,
            Map<String, Long> errorsByKind,
            String firstError,
            Percentiles latency,
            Percentiles service,
            Percentiles path,
            Long sent,
            Long reachedServer,
            Long duplicates,
            Long neverArrived,
            Long answeredInBetween,
            Long lost,
            Long reordered,
            Map<String, Replicas.Summary> replicas,
            List<Timeline.Second> timeline,
            Integer requests,
            Double targetRate,
            List<Stretch> timetable,
            Long dropped,
            Map<String, Long> statusCodes,
            long bytesSent,
            long bytesReceived,
            double sentPerSecond,
            double receivedPerSecond,
            Percentiles connect,
            Percentiles tls,
            Percentiles firstByte,
            List<Threshold.Verdict> thresholds,
            BreakingPoint breakingPoint,
            boolean aborted,
            String startedAt,
            List<Double> percentiles,
            List<Second> series,
            Histograms histograms,
            @JsonIgnore RunCounts counts,
            @JsonIgnore long made,
            @JsonIgnore long newConnections) {

        /** Whether every threshold held (true when there was none). */
        boolean thresholdsHold() {
            return thresholds == null || thresholds.stream().allMatch(Threshold.Verdict::holds);
        }

        List<String> broken() {
            return thresholds == null
                    ? List.of()
                    : thresholds.stream()
                            .filter(v -> !v.holds())
                            .map(Threshold.Verdict::threshold)
                            .toList();
        }
    }

    private BenchReport() {}

    /**
     * @param thresholds what to judge the run by; empty for nothing
     */
    static Summary summarize(RunResult run, List<Double> percentiles, List<Threshold> thresholds) {
        long answered = run.answered();
        Double target = run.targetRate();
        DatagramLoad.Counts udp = run.datagrams();
        return new Summary(
                run.target(),
                run.model(),
                run.rate(),
                run.connections(),
                run.streams(),
                run.duration(),
                round(run.seconds(), 1000),
                run.unit(),
                answered,
                round(run.perSecond(), 10),
                run.errors(),
                run.errorsByKind(),
                run.firstError() == null ? null : LogText.escape(run.firstError(), 300),
                Percentiles.ofAny(run.latency(), percentiles),
                run.model().equals("open") ? Percentiles.ofAny(run.service(), percentiles) : null,
                Percentiles.ofAny(run.path(), percentiles),
                udp != null
                        ? Long.valueOf(udp.sent())
                        : run.counts() == null ? null : run.counts().sent(),
                run.counts() == null ? null : run.counts().reachedServer(),
                udp != null
                        ? Long.valueOf(udp.duplicated())
                        : run.counts() == null ? null : run.counts().duplicates(),
                run.counts() == null ? null : run.counts().neverArrived(),
                run.counts() == null ? null : run.counts().answeredInBetween(),
                udp == null ? null : udp.lost(),
                udp == null ? null : udp.reordered(),
                run.replicas() == null ? null : Replicas.summaries(run.replicas(), answered),
                run.timeline(),
                run.requests(),
                target == null ? null : round(target, 10),
                run.timetable() == null
                        ? null
                        : run.timetable().stream()
                                .map(s -> new Stretch(s.nanos() / 1e9, s.from(), s.to()))
                                .toList(),
                run.dropped(),
                run.statusCodes(),
                run.bytesSent(),
                run.bytesReceived(),
                round(run.seconds() > 0 ? run.bytesSent() / run.seconds() : 0, 1),
                round(run.seconds() > 0 ? run.bytesReceived() / run.seconds() : 0, 1),
                Percentiles.ofAny(run.connect(), percentiles),
                Percentiles.ofAny(run.tls(), percentiles),
                Percentiles.ofAny(run.firstByte(), percentiles),
                thresholds.isEmpty()
                        ? null
                        : thresholds.stream().map(t -> t.judge(run.measured())).toList(),
                breakingPoint(run, thresholds),
                run.aborted(),
                run.startedAt().toString(),
                percentiles,
                series(run),
                new Histograms(
                        HistogramCodec.encode(run.latency()),
                        HistogramCodec.encode(run.service()),
                        HistogramCodec.encode(run.path()),
                        HistogramCodec.encode(run.connect()),
                        HistogramCodec.encode(run.tls()),
                        HistogramCodec.encode(run.firstByte()),
                        replicaHistograms(run.replicas())),
                run.counts(),
                run.made(),
                run.connect().getTotalCount());
    }

    private static Map<String, String> replicaHistograms(Map<String, Replicas.Part> replicas) {
        if (replicas == null) {
            return null;
        }
        Map<String, String> encoded = new TreeMap<>();
        replicas.forEach((name, part) -> encoded.put(name, HistogramCodec.encode(part.latency())));
        return encoded;
    }

    /** The run second by second; with --tally each second also names who answered in it. */
    private static List<Second> series(RunResult run) {
        List<Second> seconds = new ArrayList<>();
        for (int i = 0; i < run.series().size(); i++) {
            Map<String, Long> replicas = run.timeline() == null
                    ? null
                    : i < run.timeline().size() ? run.timeline().get(i).answers() : Map.of();
            seconds.add(second(run.series().get(i), replicas));
        }
        return seconds;
    }

    private static Second second(RunSeries.Second s, Map<String, Long> replicas) {
        return new Second(
                round(s.end(), 1000),
                round(s.seconds(), 1000),
                s.target() == null ? null : round(s.target(), 10),
                s.answered(),
                s.made(),
                s.errors(),
                s.bytesSent(),
                s.bytesReceived(),
                Percentiles.ofAny(s.latency(), List.of(50.0, 99.0)),
                HistogramCodec.encode(s.latency()),
                replicas);
    }

    /**
     * When the timetable ramps: the first second that, judged alone, broke a threshold. A second
     * in which nothing was made (the start of a ramp from 0) is not judged.
     */
    static BreakingPoint breakingPoint(RunResult run, List<Threshold> thresholds) {
        if (thresholds.isEmpty() || run.timetable() == null || !new Timetable(run.timetable()).ramps()) {
            return null;
        }
        for (RunSeries.Second s : run.series()) {
            if (s.made() == 0) {
                continue;
            }
            List<String> broken = thresholds.stream()
                    .map(t -> t.judge(s.measured()))
                    .filter(v -> !v.holds())
                    .map(Threshold.Verdict::threshold)
                    .toList();
            if (!broken.isEmpty()) {
                return new BreakingPoint(
                        round(s.end(), 1000),
                        s.target() == null ? null : round(s.target(), 10),
                        round(s.perSecond(), 10),
                        broken);
            }
        }
        return null;
    }

    /** The lines a person reads. */
    static void print(Summary s, PrintStream out) {
        out.printf(Locale.ROOT, "bench %s: %s for %s, %s%n", s.target(), workers(s), length(s), loop(s));
        out.printf(Locale.ROOT, "%s: %,d (%,.0f/s)%n", s.unit(), s.answered(), s.perSecond());
        if (s.dropped() != null) {
            out.printf(Locale.ROOT, "dropped: %,d (late by a whole slot or more: --no-catchup)%n", s.dropped());
        }
        out.printf(Locale.ROOT, "errors: %,d%s%n", s.errors(), errorDetail(s));
        if (s.lost() != null) {
            out.printf(
                    Locale.ROOT,
                    "datagrams: %,d sent, %,d lost (%.3f%%), %,d duplicated, %,d reordered%n",
                    s.sent(),
                    s.lost(),
                    s.sent() == 0 ? 0.0 : 100.0 * s.lost() / s.sent(),
                    s.duplicates(),
                    s.reordered());
        }
        if (s.unit().equals("requests") && !s.statusCodes().isEmpty()) {
            out.println("status: "
                    + s.statusCodes().entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", ")));
        }
        if (s.latency() != null) {
            out.println("latency: " + s.latency().line() + (s.service() != null ? "  (from when each was due)" : ""));
        }
        if (s.service() != null) {
            out.println("service: " + s.service().line() + "  (from sending: what a closed loop would show)");
        }
        if (s.path() != null) {
            out.println("path:    " + s.path().line() + "  (from sending, less the server's own time)");
        }
        if (s.connect() != null) {
            out.printf(
                    Locale.ROOT,
                    "connect: %s  (%,d new %s)%n",
                    s.connect().line(),
                    s.newConnections(),
                    s.newConnections() == 1 ? "connection" : "connections");
        }
        if (s.tls() != null) {
            out.println("tls:     " + s.tls().line() + "  (handshakes)");
        }
        if (s.firstByte() != null) {
            out.println(
                    "first byte: " + s.firstByte().line() + "  (a new connection's first answer, from its connect)");
        }
        if (s.bytesSent() > 0 || s.bytesReceived() > 0) {
            out.printf(
                    Locale.ROOT,
                    "traffic: sent %s (%s/s), received %s (%s/s)%n",
                    bytes(s.bytesSent()),
                    bytes((long) s.sentPerSecond()),
                    bytes(s.bytesReceived()),
                    bytes((long) s.receivedPerSecond()));
        }
        if (s.counts() != null && s.counts().anythingHappened()) {
            out.println("counted: " + s.counts().line());
        }
        if (s.breakingPoint() != null) {
            BreakingPoint b = s.breakingPoint();
            out.printf(
                    Locale.ROOT,
                    "breaking point: %s broke at %,.0f/s asked (%,.0f/s answered), %.0fs in%n",
                    String.join(", ", b.broken()),
                    b.target() == null ? 0 : b.target(),
                    b.perSecond(),
                    Math.ceil(b.second()));
        }
        if (s.thresholds() != null) {
            out.println("thresholds: "
                    + s.thresholds().stream().map(Threshold.Verdict::line).collect(Collectors.joining(", "))
                    + (s.aborted() ? "  (aborted: --abort-on-threshold)" : ""));
        }
        if (s.replicas() != null) {
            printReplicas(s, out);
        }
    }

    /** --tally: a row a replica, then a row a second of the answers each gave. */
    private static void printReplicas(Summary s, PrintStream out) {
        out.printf(Locale.ROOT, "replicas: %d answered%n", s.replicas().size());
        int width = Math.max(
                7, s.replicas().keySet().stream().mapToInt(String::length).max().orElse(0));
        out.printf(
                Locale.ROOT,
                "  %-" + width + "s  %10s  %6s  %9s  %9s  %7s%n",
                "replica",
                "answers",
                "share",
                "p50",
                "p99",
                "errors");
        s.replicas()
                .forEach((name, r) -> out.printf(
                        Locale.ROOT,
                        "  %-" + width + "s  %,10d  %5.1f%%  %9s  %9s  %,7d%n",
                        name,
                        r.answers(),
                        r.share() * 100,
                        r.p50Ms() == null ? "-" : String.format(Locale.ROOT, "%.2fms", r.p50Ms()),
                        r.p99Ms() == null ? "-" : String.format(Locale.ROOT, "%.2fms", r.p99Ms()),
                        r.errors()));
        if (s.timeline().isEmpty()) {
            return;
        }
        List<String> names = List.copyOf(s.timeline().get(0).answers().keySet());
        StringBuilder heading = new StringBuilder("  second");
        names.forEach(name ->
                heading.append("  ").append(String.format(Locale.ROOT, "%" + Math.max(8, name.length()) + "s", name)));
        out.println("answers a second:");
        out.println(heading);
        for (Timeline.Second second : s.timeline()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %6d", second.second()));
            for (String name : names) {
                row.append("  ")
                        .append(String.format(
                                Locale.ROOT,
                                "%," + Math.max(8, name.length()) + "d",
                                second.answers().get(name)));
            }
            out.println(row);
        }
    }

    /** {@code 4 connections}, {@code 4 streams over 1 connection}, {@code 1 child}. */
    private static String workers(Summary s) {
        if (s.streams() != null) {
            return s.streams() + (s.streams() == 1 ? " stream" : " streams") + " over 1 connection";
        }
        boolean fork = s.target().equals("fork");
        String one = fork ? "child" : s.lost() != null ? "socket" : "connection";
        String many = fork ? "children" : one + "s";
        return s.connections() + " " + (s.connections() == 1 ? one : many);
    }

    private static String length(Summary s) {
        if (s.requests() != null) {
            String n = String.format(Locale.ROOT, "%,d %s", s.requests(), s.unit());
            return s.duration() == null ? n : n + " (at most " + s.duration() + ")";
        }
        return s.duration();
    }

    private static String loop(Summary s) {
        if (s.timetable() == null) {
            return "closed loop";
        }
        if (s.rate() != null) {
            return String.format(Locale.ROOT, "open loop at %,d/s", s.rate());
        }
        List<Timetable.Stretch> stretches = new ArrayList<>();
        s.timetable()
                .forEach(t -> stretches.add(new Timetable.Stretch(Math.round(t.seconds() * 1e9), t.from(), t.to())));
        return "open loop, " + new Timetable(stretches).describe();
    }

    private static String errorDetail(Summary s) {
        if (s.errors() == 0) {
            return "";
        }
        String kinds = s.errorsByKind().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return " (" + kinds + "; first: " + s.firstError() + ")";
    }

    /** {@code 512 B}, {@code 12.3 KB}, {@code 4.5 MB}: decimal units, as network rates are said. */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = n;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static final ObjectMapper JSON = new ObjectMapper();

    static void printJson(Summary s, PrintStream out) throws IOException {
        out.println(JSON.writeValueAsString(s));
    }

    /** HdrHistogram's percentile distribution, values in milliseconds. */
    static void writeHistogram(Histogram latency, Path file) throws IOException {
        try (PrintStream hgrm = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            latency.outputPercentileDistribution(hgrm, 1000.0);
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
