package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duet.client.count.RunCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * {@code duet-client merge}: runs made at the same time, merged, equal one run over the union of
 * their requests; percentiles from the merged histograms, never averaged.
 */
class MergeTest {
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private static final List<Double> PERCENTILES = List.of(50.0, 90.0, 99.0, 99.9, 99.99);

    /** Latencies of a run, by second: one list of microseconds for each second. */
    private static List<List<Long>> latencies(Random random, int seconds, int perSecond, long scale) {
        List<List<Long>> run = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            List<Long> second = new ArrayList<>();
            for (int i = 0; i < perSecond; i++) {
                // a long tail: most fast, a few very slow
                second.add((long) (scale * Math.exp(random.nextGaussian() * 1.2)) + 1);
            }
            run.add(second);
        }
        return run;
    }

    private static RunResult run(List<List<Long>> bySecond, int connections, long errors, long late) {
        Histogram all = new Histogram(3);
        List<RunSeries.Second> series = new ArrayList<>();
        for (int s = 0; s < bySecond.size(); s++) {
            Histogram second = new Histogram(3);
            bySecond.get(s).forEach(second::recordValue);
            all.add(second);
            long n = second.getTotalCount();
            series.add(new RunSeries.Second(
                    s + 1, 1, 100.0 * connections, n, n + errors, errors, 100 * n, 300 * n, second));
        }
        Map<String, Long> errorsByKind = new TreeMap<>(Map.of("reset", errors * bySecond.size()));
        long answered = all.getTotalCount();
        return new RunResult(
                "http://duet-server:8888/hello",
                "open",
                100 * connections,
                connections,
                null,
                "3s",
                null,
                "requests",
                Timetable.constant(100 * connections, Duration.ofSeconds(3)).stretches(),
                START,
                3.002,
                all,
                all,
                new Histogram(3),
                new Histogram(3),
                new Histogram(3),
                new Histogram(3),
                errorsByKind,
                errors > 0 ? "connection reset" : null,
                new TreeMap<>(Map.of("200", answered)),
                100 * answered,
                300 * answered,
                late,
                new RunCounts(answered + errors * 3, answered, answered, 0L, errors * 3, 0L),
                null,
                series,
                false,
                null,
                null);
    }

    private static List<List<Long>> union(List<List<Long>> a, List<List<Long>> b) {
        List<List<Long>> both = new ArrayList<>();
        for (int s = 0; s < a.size(); s++) {
            List<Long> second = new ArrayList<>(a.get(s));
            second.addAll(b.get(s));
            both.add(second);
        }
        return both;
    }

    /**
     * The run's JSON, each histogram shown by what it holds (HdrHistogram's encoding of equal
     * histograms differs with their internal sizes).
     */
    private static JsonNode json(RunResult run) {
        JsonNode json = BenchReport.JSON.valueToTree(BenchReport.summarize(run, PERCENTILES, List.of()));
        json.get("histograms").fieldNames().forEachRemaining(key -> shown((ObjectNode) json.get("histograms"), key));
        json.get("series").forEach(s -> shown((ObjectNode) s, "histogram"));
        return json;
    }

    private static void shown(ObjectNode node, String key) {
        if (node.get(key).isTextual()) {
            Histogram h = HistogramCodec.decode(node.get(key).asText());
            StringBuilder counts = new StringBuilder();
            h.recordedValues()
                    .forEach(v -> counts.append(v.getValueIteratedTo())
                            .append('x')
                            .append(v.getCountAtValueIteratedTo())
                            .append(' '));
            node.put(key, counts.toString());
        }
    }

    /** The run as merge reads it from its file. */
    private static RunResult saved(RunResult run) {
        return RunResult.read(BenchReport.JSON.valueToTree(BenchReport.summarize(run, PERCENTILES, List.of())));
    }

    @Test
    void aMergeOfTwoRunsEqualsOneRunOverTheUnion() {
        Random random = new Random(26);
        List<List<Long>> fast = latencies(random, 3, 3000, 800); // one machine near the server
        List<List<Long>> slow = latencies(random, 3, 1000, 9000); // one far away
        // read back from their JSON, as merge reads the files
        RunResult a = saved(run(fast, 2, 1, 3));
        RunResult b = saved(run(slow, 1, 2, 4));
        JsonNode merged = json(RunResult.merge(List.of(a, b)));
        JsonNode whole = json(run(union(fast, slow), 3, 3, 7));

        for (String key : List.of(
                "answered",
                "errors",
                "errorsByKind",
                "statusCodes",
                "bytesSent",
                "bytesReceived",
                "dropped",
                "latency",
                "service",
                "sent",
                "reachedServer",
                "duplicates",
                "neverArrived",
                "answeredInBetween",
                "connections",
                "rate",
                "histograms")) {
            assertEquals(whole.get(key), merged.get(key), key);
        }
        assertEquals(12_000, merged.get("answered").asLong());
        // second by second too: counts summed, and each second's percentiles from its merged histogram
        for (int s = 0; s < 3; s++) {
            ObjectNode m = merged.get("series").get(s).deepCopy();
            ObjectNode w = whole.get("series").get(s).deepCopy();
            assertEquals(w, m, "second " + (s + 1));
        }
        // the merged tail is the union's, which no average of the two runs' tails gives
        double p99 = merged.get("latency").get("p99").asDouble();
        double averaged = (json(run(fast, 2, 1, 3)).get("latency").get("p99").asDouble()
                        + json(run(slow, 1, 2, 4)).get("latency").get("p99").asDouble())
                / 2;
        assertNotEquals(averaged, p99, 1.0);
    }

    @Test
    void aRunsJsonReadsBackToTheSameRun() {
        RunResult run = run(latencies(new Random(1), 2, 500, 1000), 1, 0, 0);
        JsonNode once = json(run);
        assertEquals(once, json(saved(run)));
    }

    @Test
    void runsThatStartedLaterAreLinedUpByTheClock() {
        Random random = new Random(3);
        RunResult early = run(latencies(random, 3, 100, 1000), 1, 0, 0);
        RunResult late = RunResult.read(((ObjectNode) BenchReport.JSON.valueToTree(
                        BenchReport.summarize(run(latencies(random, 3, 100, 1000), 1, 0, 0), PERCENTILES, List.of())))
                .put("startedAt", START.plusSeconds(2).toString()));
        JsonNode merged = json(RunResult.merge(List.of(early, late)));
        // seconds 1-2: the early run alone; 3: both; 4-5: the late run alone
        List<Long> answered = new ArrayList<>();
        merged.get("series").forEach(s -> answered.add(s.get("answered").asLong()));
        assertEquals(List.of(100L, 100L, 200L, 100L, 100L), answered);
        assertEquals(5.002, merged.get("seconds").asDouble(), 1e-9);
        assertEquals(START.toString(), merged.get("startedAt").asText());
    }

    /**
     * A run saved with --tally's keys, as bench --json writes them: its replicas (with the
     * latencies of each, when {@code latencies} has them) and its timeline.
     */
    private static RunResult tallied(
            RunResult run, Instant startedAt, String replicas, Map<String, List<Long>> latencies, String timeline)
            throws Exception {
        ObjectNode json = BenchReport.JSON.valueToTree(BenchReport.summarize(run, PERCENTILES, List.of()));
        json.put("startedAt", startedAt.toString());
        json.set("replicas", BenchReport.JSON.readTree(replicas));
        if (latencies != null) {
            ObjectNode histograms = ((ObjectNode) json.get("histograms")).putObject("replicas");
            latencies.forEach((name, micros) -> histograms.put(name, HistogramCodec.encode(histogram(micros))));
        }
        json.set("timeline", BenchReport.JSON.readTree(timeline));
        return RunResult.read(json);
    }

    private static Histogram histogram(List<Long> micros) {
        Histogram h = new Histogram(3);
        micros.forEach(h::recordValue);
        return h;
    }

    private static double millis(Histogram h, double percentile) {
        return Math.round(h.getValueAtPercentile(percentile) / 10.0) / 100.0;
    }

    @Test
    void replicasAndTheirTimelinesMergeByTheClock() throws Exception {
        Random random = new Random(22);
        List<Long> old = latencies(random, 1, 250, 1000).get(0);
        List<Long> newEarly = latencies(random, 1, 50, 1500).get(0);
        List<Long> newLate = latencies(random, 1, 300, 900).get(0);
        // each run answered 100 a second for 3 seconds: 300
        RunResult early = tallied(
                run(latencies(random, 3, 100, 1000), 1, 0, 0),
                START,
                "{\"old\":{\"answers\":250,\"share\":0.833,\"p50Ms\":1.0,\"p99Ms\":2.0,\"errors\":3},"
                        + "\"new\":{\"answers\":50,\"share\":0.167,\"p50Ms\":1.5,\"p99Ms\":2.5,\"errors\":0}}",
                Map.of("old", old, "new", newEarly),
                "[{\"second\":0,\"answers\":{\"new\":0,\"old\":100}},{\"second\":1,\"answers\":{\"new\":0,\"old\":100}},"
                        + "{\"second\":2,\"answers\":{\"new\":50,\"old\":50}}]");
        RunResult late = tallied(
                run(latencies(random, 3, 100, 1000), 1, 0, 0),
                START.plusSeconds(1),
                "{\"new\":{\"answers\":300,\"share\":1.0,\"p50Ms\":1.2,\"p99Ms\":2.2,\"errors\":1}}",
                Map.of("new", newLate),
                "[{\"second\":0,\"answers\":{\"new\":100}},{\"second\":1,\"answers\":{\"new\":100}},"
                        + "{\"second\":2,\"answers\":{\"new\":100}}]");
        JsonNode merged = json(RunResult.merge(List.of(early, late)));
        // answers and errors summed, shares of all 600; each replica's percentiles from all its
        // answers in every run: those of one histogram of both runs' latencies, not an average
        List<Long> newBoth = new ArrayList<>(newEarly);
        newBoth.addAll(newLate);
        Histogram n = histogram(newBoth);
        Histogram o = histogram(old);
        assertEquals(
                BenchReport.JSON.readTree("{\"new\":{\"answers\":350,\"share\":0.583,\"p50Ms\":" + millis(n, 50)
                        + ",\"p99Ms\":" + millis(n, 99) + ",\"errors\":1},"
                        + "\"old\":{\"answers\":250,\"share\":0.417,\"p50Ms\":" + millis(o, 50)
                        + ",\"p99Ms\":" + millis(o, 99) + ",\"errors\":3}}"),
                BenchReport.JSON.readTree(merged.get("replicas").toString()));
        assertNotEquals((millis(histogram(newEarly), 99) + millis(histogram(newLate), 99)) / 2, millis(n, 99), 0.01);
        // the late run's second 0 is the whole's second 1; every second names every replica
        assertEquals(
                BenchReport.JSON.readTree("[{\"second\":0,\"answers\":{\"new\":0,\"old\":100}},"
                        + "{\"second\":1,\"answers\":{\"new\":100,\"old\":100}},"
                        + "{\"second\":2,\"answers\":{\"new\":150,\"old\":50}},"
                        + "{\"second\":3,\"answers\":{\"new\":100,\"old\":0}}]"),
                BenchReport.JSON.readTree(merged.get("timeline").toString()));
        // and the series, which the HTML report plots, carries each second's answers by replica
        assertEquals(
                merged.get("timeline").get(2).get("answers"),
                merged.get("series").get(2).get("replicas"));
    }

    @Test
    void aReplicasPercentilesAreUnknownWhenARunThatSawItKeptNoLatencies() throws Exception {
        Random random = new Random(5);
        String timeline = "[{\"second\":0,\"answers\":{\"a\":100}}]";
        RunResult kept = tallied(
                run(latencies(random, 1, 100, 1000), 1, 0, 0),
                START,
                "{\"a\":{\"answers\":100,\"share\":1.0,\"p50Ms\":1.0,\"p99Ms\":2.0,\"errors\":0}}",
                Map.of("a", latencies(random, 1, 100, 1000).get(0)),
                timeline);
        RunResult older = tallied(
                run(latencies(random, 1, 100, 1000), 1, 0, 0),
                START,
                "{\"a\":{\"answers\":100,\"share\":1.0,\"p50Ms\":1.0,\"p99Ms\":2.0,\"errors\":0}}",
                null,
                timeline);
        JsonNode a = json(RunResult.merge(List.of(kept, older))).get("replicas").get("a");
        assertEquals(200, a.get("answers").asLong());
        assertTrue(a.get("p50Ms").isNull(), a.toString());
        assertTrue(a.get("p99Ms").isNull(), a.toString());
    }
}
