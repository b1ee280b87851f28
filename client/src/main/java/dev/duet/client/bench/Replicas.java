package dev.duet.client.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code bench --tally}: which replica answered, under load. Each answer is counted under the
 * server its {@code X-Duet-Seen} names (the name {@code get --tally} reads from the JSON echo),
 * with its latency; each failure under the replica it happened with: the one that last answered
 * on that connection, or, on a connection that got no answer yet, the replica that last said it
 * was draining ({@code X-Duet-Draining}): a rolling update's refused and cut connections are the
 * going replica's. Safe to use from every load thread.
 */
final class Replicas {
    private final Map<String, Replica> byName = new ConcurrentHashMap<>();
    private final Timeline timeline;
    private volatile long origin;
    /** The replica whose answers last said it was draining; null while none has. */
    private volatile String draining;

    /** @param seconds how long the run can last, its timeout included */
    Replicas(int seconds) {
        this.timeline = new Timeline(seconds);
    }

    /** The run's clock starts: the timeline's second 0. */
    void begin(long start) {
        origin = start;
    }

    private static final class Replica {
        final Histogram latency = new ConcurrentHistogram(3);
        final LongAdder answers = new LongAdder();
        final LongAdder errors = new LongAdder();
        volatile boolean drained;
    }

    private Replica replica(String name) {
        Replica replica = byName.get(name);
        return replica != null ? replica : byName.computeIfAbsent(name, n -> new Replica());
    }

    /**
     * An answer, from a server or from something between.
     *
     * @param server   the server its X-Duet-Seen names; null when it named none (a hop's answer)
     * @param draining whether it said the server is draining
     * @param done     when it was whole
     * @param micros   its latency, as the run's latency counts it
     * @param status   a status other than 2xx is also an error of that replica
     */
    void answered(String server, boolean draining, long done, long micros, int status) {
        if (server == null) {
            return;
        }
        Replica replica = replica(server);
        replica.answers.increment();
        replica.latency.recordValue(micros);
        if (status < 200 || status > 299) {
            replica.errors.increment();
        }
        if (draining) {
            replica.drained = true;
            this.draining = server;
        }
        timeline.answered(server, done - origin);
    }

    /**
     * A request that failed.
     *
     * @param server the replica that last answered on its connection; null for a connection that got no answer
     */
    void failed(String server) {
        String to = server != null ? server : draining;
        if (to != null) {
            replica(to).errors.increment();
        }
    }

    /**
     * One replica's part of the run, as measured: what its summary is made of, and what a merge of
     * runs adds up exactly.
     *
     * @param latency its answers' latencies; null when not known (a run saved before bench kept them)
     */
    record Part(long answers, long errors, Histogram latency) {}

    /**
     * One replica's part of the run, for a person or a script.
     *
     * @param share  its answers of every answer, to 0.001
     * @param p50Ms  its median latency, to 0.01 ms; null when it answered nothing, or is not known
     * @param p99Ms  its 99th percentile
     * @param errors its failed requests and answers other than 2xx
     */
    @JsonPropertyOrder({"answers", "share", "p50Ms", "p99Ms", "errors"})
    record Summary(long answers, double share, Double p50Ms, Double p99Ms, long errors) {}

    /** Every replica's part so far: its counts, and a copy of its latencies. */
    Map<String, Part> parts() {
        Map<String, Part> parts = new LinkedHashMap<>();
        byName.forEach((name, r) -> parts.put(name, new Part(r.answers.sum(), r.errors.sum(), r.latency.copy())));
        return parts;
    }

    /**
     * Every replica, most answers first (then by name): what it answered, its share of {@code
     * all} answers, how fast, and what failed with it.
     */
    static Map<String, Summary> summaries(Map<String, Part> parts, long all) {
        Map<String, Summary> summaries = new LinkedHashMap<>();
        parts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Part>>comparingLong(
                                e -> -e.getValue().answers())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    Part part = e.getValue();
                    Histogram latency = part.latency();
                    boolean known = latency != null && latency.getTotalCount() > 0;
                    summaries.put(
                            e.getKey(),
                            new Summary(
                                    part.answers(),
                                    all == 0 ? 0 : Math.round(part.answers() * 1000.0 / all) / 1000.0,
                                    known ? millis(latency.getValueAtPercentile(50)) : null,
                                    known ? millis(latency.getValueAtPercentile(99)) : null,
                                    part.errors()));
                });
        return summaries;
    }

    /** Microseconds as milliseconds to 0.01, below HdrHistogram's rounding to three digits. */
    private static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    /** Whether {@code name} ever said it was draining. */
    boolean drained(String name) {
        Replica replica = byName.get(name);
        return replica != null && replica.drained;
    }

    List<Timeline.Second> timeline() {
        return timeline.seconds();
    }
}
