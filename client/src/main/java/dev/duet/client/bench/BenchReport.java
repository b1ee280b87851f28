package dev.duet.client.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.count.RunCounts;
import dev.duet.common.Durations;
import dev.duet.common.LogText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What a load run found, said three ways: the summary lines a person reads, one JSON object
 * ({@code --json}) for a script, and the percentile distribution HdrHistogram's plotter reads
 * ({@code --histogram}). All three come from the same {@link Summary}.
 */
final class BenchReport {
    /** Latencies in milliseconds. */
    record Percentiles(
            double p50,
            double p90,
            double p99,
            @JsonProperty("p99.9") double p999,
            double max) {
        static Percentiles of(Histogram h) {
            return new Percentiles(
                    ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)),
                    ms(h.getMaxValue()));
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "p50 %.2fms  p90 %.2fms  p99 %.2fms  p99.9 %.2fms  max %.2fms",
                    p50,
                    p90,
                    p99,
                    p999,
                    max);
        }
    }

    /**
     * Every key is always there, null when it has no value, so a script reads the same shape from
     * every run.
     *
     * @param model       {@code closed}, or {@code open} with the rate
     * @param rate        the open loop's requests a second; null for a closed loop
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
            @JsonIgnore RunCounts counts) {
        /** Requests made: those answered, and those that failed without an answer. */
        long made() {
            long badStatus = errorsByKind.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("status "))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            return answered + errors - badStatus;
        }
    }

    private BenchReport() {}

    /**
     * @param multiplexed whether the requests were streams of one HTTP/2 connection
     * @param counts      the run counted at both ends; null when it was not
     * @param datagrams   what bench udp counted; null for the other modes
     */
    static Summary summarize(
            BenchConfig config,
            boolean multiplexed,
            Tally tally,
            double seconds,
            RunCounts counts,
            DatagramLoad.Counts datagrams) {
        Histogram latency = tally.latency();
        long answered = latency.getTotalCount();
        String firstError = tally.firstError();
        return new Summary(
                config.target().name(),
                tally.open() ? "open" : "closed",
                config.rate().orElse(null),
                multiplexed ? 1 : config.concurrency(),
                multiplexed ? config.concurrency() : null,
                Durations.format(config.duration()),
                Math.round(seconds * 1000) / 1000.0,
                unit(config),
                answered,
                Math.round(answered / seconds * 10) / 10.0,
                tally.errorCount(),
                tally.errorsByKind(),
                firstError == null ? null : LogText.escape(firstError, 300),
                answered > 0 ? Percentiles.of(latency) : null,
                tally.open() && answered > 0 ? Percentiles.of(tally.service()) : null,
                tally.path().getTotalCount() > 0 ? Percentiles.of(tally.path()) : null,
                datagrams != null ? Long.valueOf(datagrams.sent()) : counts == null ? null : counts.sent(),
                counts == null ? null : counts.reachedServer(),
                datagrams != null ? Long.valueOf(datagrams.duplicated()) : counts == null ? null : counts.duplicates(),
                counts == null ? null : counts.neverArrived(),
                counts == null ? null : counts.answeredInBetween(),
                datagrams == null ? null : datagrams.lost(),
                datagrams == null ? null : datagrams.reordered(),
                counts);
    }

    static String unit(BenchConfig config) {
        return config.target() instanceof BenchConfig.Http ? "requests" : "round trips";
    }

    /** The lines a person reads. */
    static void print(Summary s, BenchConfig config, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "bench %s: %s for %s, %s%n",
                s.target(),
                workers(s, config),
                s.duration(),
                s.rate() == null ? "closed loop" : String.format(Locale.ROOT, "open loop at %,d/s", s.rate()));
        out.printf(Locale.ROOT, "%s: %,d (%,.0f/s)%n", s.unit(), s.answered(), s.perSecond());
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
        if (s.latency() != null) {
            out.println("latency: " + s.latency().line() + (s.service() != null ? "  (from when each was due)" : ""));
        }
        if (s.service() != null) {
            out.println("service: " + s.service().line() + "  (from sending: what a closed loop would show)");
        }
        if (s.path() != null) {
            out.println("path:    " + s.path().line() + "  (from sending, less the server's own time)");
        }
        if (s.counts() != null && s.counts().anythingHappened()) {
            out.println("counted: " + s.counts().line());
        }
    }

    /** {@code 4 connections}, {@code 4 streams over 1 connection}, {@code 1 child}. */
    private static String workers(Summary s, BenchConfig config) {
        if (s.streams() != null) {
            return s.streams() + (s.streams() == 1 ? " stream" : " streams") + " over 1 connection";
        }
        String one = config.target() instanceof BenchConfig.Fork
                ? "child"
                : config.target() instanceof BenchConfig.Datagrams ? "socket" : "connection";
        String many = config.target() instanceof BenchConfig.Fork ? "children" : one + "s";
        return s.connections() + " " + (s.connections() == 1 ? one : many);
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

    static void printJson(Summary s, PrintStream out) throws IOException {
        out.println(new ObjectMapper().writeValueAsString(s));
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
}
