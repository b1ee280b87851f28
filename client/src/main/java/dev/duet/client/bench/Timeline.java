package dev.duet.client.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Answers per replica, second by second of a load run: how a rolling update shows, one replica's
 * count falling to nothing as another's rises. Safe to record into from every load thread: one
 * array of counters a replica, sized for the run, so recording allocates nothing once a replica
 * is known.
 */
final class Timeline {
    private final int seconds;
    private final Map<String, AtomicLongArray> byReplica = new ConcurrentHashMap<>();

    /** @param seconds how long the run can last, in whole seconds: an answer later still counts, in the last */
    Timeline(int seconds) {
        this.seconds = Math.max(1, seconds);
    }

    /** One answer from {@code replica}, {@code nanos} after the run began. */
    void answered(String replica, long nanos) {
        int second = (int) Math.min(seconds - 1, Math.max(0, nanos / 1_000_000_000L));
        byReplica.computeIfAbsent(replica, r -> new AtomicLongArray(seconds)).incrementAndGet(second);
    }

    /**
     * One second of the run.
     *
     * @param second  from the run's start, from 0
     * @param answers each replica seen in the run, by name (sorted), with its answers in that second
     */
    @JsonPropertyOrder({"second", "answers"})
    record Second(int second, Map<String, Long> answers) {}

    /**
     * Every second from the first to the last in which anything was answered, each naming every
     * replica of the run: 0 for one that answered nothing then, so a share falling to nothing shows.
     */
    List<Second> seconds() {
        TreeSet<String> names = new TreeSet<>(byReplica.keySet());
        int last = -1;
        for (AtomicLongArray counts : byReplica.values()) {
            for (int s = seconds - 1; s > last; s--) {
                if (counts.get(s) > 0) {
                    last = s;
                    break;
                }
            }
        }
        List<Second> timeline = new ArrayList<>();
        for (int s = 0; s <= last; s++) {
            Map<String, Long> answers = new LinkedHashMap<>();
            for (String name : names) {
                answers.put(name, byReplica.get(name).get(s));
            }
            timeline.add(new Second(s, answers));
        }
        return timeline;
    }
}
