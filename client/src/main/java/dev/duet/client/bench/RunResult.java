package dev.duet.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duet.client.count.RunCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * What a run was and what it measured, apart from how it is shown: made by a live load, or read
 * back from its {@code --json} and merged with runs made at the same time elsewhere ({@code
 * duet-client merge}). Histograms, not percentiles, so a merge is exact.
 *
 * @param target      what was loaded, as the user wrote it
 * @param model       {@code closed} or {@code open}
 * @param rate        a constant open loop's requests a second
 * @param connections connections (or children)
 * @param streams     HTTP/2's streams over its one connection
 * @param duration    the run's length as asked; null for -n alone
 * @param requests    {@code -n}
 * @param unit        {@code requests} or {@code round trips}
 * @param timetable   the open loop's rates over time
 * @param startedAt   when the load's clock started
 * @param seconds     how long it ran, its last answers in (bench udp: how long it sent)
 * @param datagrams   bench udp's counts; null for the other modes
 * @param replicas    with --tally, each replica's part of the run, its latencies included; else null
 * @param timeline    with --tally, each second's answers by replica; else null
 */
record RunResult(
        String target,
        String model,
        Integer rate,
        int connections,
        Integer streams,
        String duration,
        Integer requests,
        String unit,
        List<Timetable.Stretch> timetable,
        Instant startedAt,
        double seconds,
        Histogram latency,
        Histogram service,
        Histogram path,
        Histogram connect,
        Histogram tls,
        Histogram firstByte,
        Map<String, Long> errorsByKind,
        String firstError,
        Map<String, Long> statusCodes,
        long bytesSent,
        long bytesReceived,
        Long dropped,
        RunCounts counts,
        DatagramLoad.Counts datagrams,
        List<RunSeries.Second> series,
        boolean aborted,
        Map<String, Replicas.Part> replicas,
        List<Timeline.Second> timeline) {

    long answered() {
        return latency.getTotalCount();
    }

    long errors() {
        return errorsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests made: those answered, and those that failed without an answer. */
    long made() {
        long badStatus = errorsByKind.entrySet().stream()
                .filter(e -> e.getKey().startsWith("status "))
                .mapToLong(Map.Entry::getValue)
                .sum();
        return answered() + errors() - badStatus;
    }

    double perSecond() {
        return seconds > 0 ? answered() / seconds : 0;
    }

    /**
     * The open loop's mean rate asked for: the requests its timetable had, over the time they took
     * (to {@code -n}'s last, or to an early stop); null for a closed loop.
     */
    Double targetRate() {
        if (timetable == null) {
            return null;
        }
        Timetable t = new Timetable(timetable);
        long nanos = Math.min(t.nanos(), (long) (seconds * 1e9));
        double due = t.requestsBefore(nanos);
        if (requests != null && requests < due) {
            nanos = t.dueNanos(requests);
            due = requests;
        }
        return nanos > 0 ? due / (nanos / 1e9) : null;
    }

    /** The whole run as a threshold judges it. */
    Threshold.Measured measured() {
        return new Threshold.Measured(latency, made(), errors(), perSecond(), targetRate());
    }

    // --- read back ----------------------------------------------------------------------------

    /** A run as its {@code --json} said it; throws IllegalArgumentException naming what is missing. */
    static RunResult read(JsonNode json) {
        if (!json.isObject() || !json.has("histograms") || !json.has("answered")) {
            throw new IllegalArgumentException("not a run saved by bench --json (no answered or histograms)");
        }
        JsonNode h = json.get("histograms");
        List<Timetable.Stretch> timetable = null;
        if (json.path("timetable").isArray()) {
            timetable = new ArrayList<>();
            for (JsonNode s : json.get("timetable")) {
                timetable.add(new Timetable.Stretch(
                        Math.round(s.get("seconds").asDouble() * 1e9),
                        s.get("from").asDouble(),
                        s.get("to").asDouble()));
            }
        }
        List<RunSeries.Second> series = new ArrayList<>();
        for (JsonNode s : json.path("series")) {
            series.add(new RunSeries.Second(
                    s.get("end").asDouble(),
                    s.get("seconds").asDouble(),
                    number(s.get("target")),
                    s.get("answered").asLong(),
                    s.get("made").asLong(),
                    s.get("errors").asLong(),
                    s.get("bytesSent").asLong(),
                    s.get("bytesReceived").asLong(),
                    HistogramCodec.decode(text(s.get("histogram")))));
        }
        Histogram latency = HistogramCodec.decode(text(h.get("latency")));
        if (latency.getTotalCount() != json.get("answered").asLong()) {
            throw new IllegalArgumentException("its latency histogram counts " + latency.getTotalCount()
                    + " answers, its answered " + json.get("answered").asLong());
        }
        RunCounts counts = json.path("sent").isNumber() && !json.path("lost").isNumber() // lost: bench udp's
                ? new RunCounts(
                        json.get("sent").asLong(),
                        latency.getTotalCount(),
                        whole(json.get("reachedServer")),
                        whole(json.get("duplicates")),
                        whole(json.get("neverArrived")),
                        whole(json.get("answeredInBetween")))
                : null;
        return new RunResult(
                json.path("target").asText(),
                json.path("model").asText(),
                json.path("rate").isNumber() ? json.get("rate").asInt() : null,
                json.path("connections").asInt(),
                json.path("streams").isNumber() ? json.get("streams").asInt() : null,
                text(json.get("duration")),
                json.path("requests").isNumber() ? json.get("requests").asInt() : null,
                json.path("unit").asText("requests"),
                timetable,
                json.path("startedAt").isTextual()
                        ? Instant.parse(json.get("startedAt").asText())
                        : Instant.EPOCH,
                json.path("seconds").asDouble(),
                latency,
                HistogramCodec.decode(text(h.get("service"))),
                HistogramCodec.decode(text(h.get("path"))),
                HistogramCodec.decode(text(h.get("connect"))),
                HistogramCodec.decode(text(h.get("tls"))),
                HistogramCodec.decode(text(h.get("firstByte"))),
                longs(json.get("errorsByKind")),
                text(json.get("firstError")),
                longs(json.get("statusCodes")),
                json.path("bytesSent").asLong(),
                json.path("bytesReceived").asLong(),
                whole(json.get("dropped")),
                counts,
                json.path("lost").isNumber()
                        ? new DatagramLoad.Counts(
                                json.path("sent").asLong(),
                                json.get("lost").asLong(),
                                json.path("duplicates").asLong(),
                                json.path("reordered").asLong())
                        : null,
                series,
                json.path("aborted").asBoolean(),
                replicas(json.get("replicas"), h.get("replicas")),
                timeline(json.get("timeline")));
    }

    /** Each replica's counts, and its latencies from {@code histograms} (null for a file that has none). */
    private static Map<String, Replicas.Part> replicas(JsonNode node, JsonNode histograms) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, Replicas.Part> replicas = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode r = e.getValue();
            JsonNode latency = histograms == null ? null : histograms.get(e.getKey());
            replicas.put(
                    e.getKey(),
                    new Replicas.Part(
                            r.path("answers").asLong(),
                            r.path("errors").asLong(),
                            latency == null ? null : HistogramCodec.decode(text(latency))));
        });
        return replicas;
    }

    private static List<Timeline.Second> timeline(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<Timeline.Second> timeline = new ArrayList<>();
        for (JsonNode second : node) {
            Map<String, Long> answers = new LinkedHashMap<>();
            second.path("answers")
                    .fields()
                    .forEachRemaining(e -> answers.put(e.getKey(), e.getValue().asLong()));
            timeline.add(new Timeline.Second(second.path("second").asInt(), answers));
        }
        return timeline;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Double number(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.asDouble();
    }

    private static Long whole(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.asLong();
    }

    private static Map<String, Long> longs(JsonNode node) {
        Map<String, Long> map = new TreeMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asLong()));
        }
        return map;
    }

    // --- merge --------------------------------------------------------------------------------

    /**
     * Runs made at the same time, as one: counts summed, histograms merged (so its percentiles are
     * those of every answer of every run), rates added, and the seconds of their series lined up by
     * the clock (each run's start, to the second).
     */
    static RunResult merge(List<RunResult> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        Instant first =
                runs.stream().map(RunResult::startedAt).min(Instant::compareTo).orElseThrow();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Long> statuses = new TreeMap<>();
        runs.forEach(r -> r.errorsByKind.forEach((k, n) -> errors.merge(k, n, Long::sum)));
        runs.forEach(r -> r.statusCodes.forEach((k, n) -> statuses.merge(k, n, Long::sum)));
        double seconds = runs.stream()
                .mapToDouble(r -> offset(first, r) + r.seconds)
                .max()
                .orElse(0);
        return new RunResult(
                same(runs, RunResult::target),
                same(runs, RunResult::model),
                sum(runs, RunResult::rate),
                runs.stream().mapToInt(RunResult::connections).sum(),
                sum(runs, RunResult::streams),
                same(runs, RunResult::duration),
                sum(runs, RunResult::requests),
                same(runs, RunResult::unit),
                timetable(runs),
                first,
                seconds,
                add(runs, RunResult::latency),
                add(runs, RunResult::service),
                add(runs, RunResult::path),
                add(runs, RunResult::connect),
                add(runs, RunResult::tls),
                add(runs, RunResult::firstByte),
                errors,
                runs.stream()
                        .map(RunResult::firstError)
                        .filter(e -> e != null)
                        .findFirst()
                        .orElse(null),
                statuses,
                runs.stream().mapToLong(RunResult::bytesSent).sum(),
                runs.stream().mapToLong(RunResult::bytesReceived).sum(),
                runs.stream().allMatch(r -> r.dropped == null)
                        ? null
                        : runs.stream()
                                .mapToLong(r -> r.dropped == null ? 0 : r.dropped)
                                .sum(),
                counts(runs),
                runs.stream().anyMatch(r -> r.datagrams == null)
                        ? null
                        : DatagramLoad.Counts.sum(
                                runs.stream().map(RunResult::datagrams).toList()),
                series(runs, first),
                runs.stream().anyMatch(RunResult::aborted),
                replicas(runs),
                timeline(runs, first));
    }

    /**
     * Each replica's answers and errors summed over the runs, and its latencies merged: its
     * percentiles are then those of every answer it gave, in any run. They are unknown (null)
     * when a run that saw it did not keep them.
     */
    private static Map<String, Replicas.Part> replicas(List<RunResult> runs) {
        if (runs.stream().allMatch(r -> r.replicas == null)) {
            return null;
        }
        Map<String, List<Replicas.Part>> byName = new LinkedHashMap<>();
        runs.stream()
                .filter(r -> r.replicas != null)
                .forEach(r -> r.replicas.forEach((name, part) ->
                        byName.computeIfAbsent(name, n -> new ArrayList<>()).add(part)));
        Map<String, Replicas.Part> merged = new LinkedHashMap<>();
        byName.forEach((name, parts) -> merged.put(
                name,
                new Replicas.Part(
                        parts.stream().mapToLong(Replicas.Part::answers).sum(),
                        parts.stream().mapToLong(Replicas.Part::errors).sum(),
                        parts.stream().allMatch(p -> p.latency() != null)
                                ? add(parts, Replicas.Part::latency)
                                : null)));
        return merged;
    }

    /** The runs' timelines added second by second, lined up as their series are. */
    private static List<Timeline.Second> timeline(List<RunResult> runs, Instant first) {
        if (runs.stream().allMatch(r -> r.timeline == null)) {
            return null;
        }
        Set<String> names = new java.util.TreeSet<>();
        List<Map<String, Long>> slots = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.timeline == null) {
                continue;
            }
            int offset = offset(first, run);
            for (Timeline.Second second : run.timeline) {
                while (slots.size() <= offset + second.second()) {
                    slots.add(new TreeMap<>());
                }
                second.answers().forEach((name, n) -> {
                    names.add(name);
                    slots.get(offset + second.second()).merge(name, n, Long::sum);
                });
            }
        }
        List<Timeline.Second> timeline = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Map<String, Long> answers = new LinkedHashMap<>();
            for (String name : names) {
                answers.put(name, slots.get(i).getOrDefault(name, 0L));
            }
            timeline.add(new Timeline.Second(i, answers));
        }
        return timeline;
    }

    /** Whole seconds from the first run's start to this one's. */
    private static int offset(Instant first, RunResult run) {
        return (int) Math.round((run.startedAt.toEpochMilli() - first.toEpochMilli()) / 1000.0);
    }

    private static String same(List<RunResult> runs, Function<RunResult, String> field) {
        Set<String> values = new LinkedHashSet<>();
        runs.forEach(r -> values.add(String.valueOf(field.apply(r))));
        return values.size() == 1 ? field.apply(runs.get(0)) : String.join(", ", values);
    }

    private static Integer sum(List<RunResult> runs, Function<RunResult, Integer> field) {
        if (runs.stream().anyMatch(r -> field.apply(r) == null)) {
            return null;
        }
        return runs.stream().mapToInt(field::apply).sum();
    }

    /** One histogram of every part's {@code field}: what merging runs, seconds or replicas adds up. */
    private static <T> Histogram add(List<T> parts, Function<T, Histogram> field) {
        Histogram all = new Histogram(3);
        parts.forEach(p -> all.add(field.apply(p)));
        return all;
    }

    /** The runs' timetables added, when they are alike (N workers on one timetable); else none. */
    private static List<Timetable.Stretch> timetable(List<RunResult> runs) {
        List<Timetable.Stretch> one = runs.get(0).timetable;
        if (one == null || runs.stream().anyMatch(r -> !one.equals(r.timetable))) {
            return null;
        }
        int n = runs.size();
        return one.stream()
                .map(s -> new Timetable.Stretch(s.nanos(), s.from() * n, s.to() * n))
                .toList();
    }

    private static RunCounts counts(List<RunResult> runs) {
        if (runs.stream().anyMatch(r -> r.counts == null)) {
            return null;
        }
        return new RunCounts(
                runs.stream().mapToLong(r -> r.counts.sent()).sum(),
                runs.stream().mapToLong(r -> r.counts.answered()).sum(),
                sumOrNull(runs, c -> c.reachedServer()),
                sumOrNull(runs, c -> c.duplicates()),
                sumOrNull(runs, c -> c.neverArrived()),
                sumOrNull(runs, c -> c.answeredInBetween()));
    }

    private static Long sumOrNull(List<RunResult> runs, Function<RunCounts, Long> field) {
        if (runs.stream().anyMatch(r -> field.apply(r.counts) == null)) {
            return null;
        }
        return runs.stream().mapToLong(r -> field.apply(r.counts)).sum();
    }

    /** Second i of a run that started k whole seconds after the first goes with second k+i of the whole. */
    private static List<RunSeries.Second> series(List<RunResult> runs, Instant first) {
        List<List<RunSeries.Second>> slots = new ArrayList<>();
        for (RunResult run : runs) {
            int offset = offset(first, run);
            for (int i = 0; i < run.series.size(); i++) {
                while (slots.size() <= offset + i) {
                    slots.add(new ArrayList<>());
                }
                slots.get(offset + i).add(run.series.get(i));
            }
        }
        List<RunSeries.Second> merged = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            List<RunSeries.Second> slot = slots.get(i);
            Histogram latency = add(slot, RunSeries.Second::latency);
            double length =
                    slot.stream().mapToDouble(RunSeries.Second::seconds).max().orElse(1);
            merged.add(new RunSeries.Second(
                    i == 0 ? length : merged.get(i - 1).end() + length,
                    length,
                    slot.stream().allMatch(s -> s.target() == null)
                            ? null
                            : slot.stream()
                                    .mapToDouble(s -> s.target() == null ? 0 : s.target())
                                    .sum(),
                    slot.stream().mapToLong(RunSeries.Second::answered).sum(),
                    slot.stream().mapToLong(RunSeries.Second::made).sum(),
                    slot.stream().mapToLong(RunSeries.Second::errors).sum(),
                    slot.stream().mapToLong(RunSeries.Second::bytesSent).sum(),
                    slot.stream().mapToLong(RunSeries.Second::bytesReceived).sum(),
                    latency));
        }
        return merged;
    }
}
