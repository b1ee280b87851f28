package dev.duet.client.count;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run counted at both ends: what the client sent and got back, and what the servers saw. A
 * count that cannot be known is null: when no answer came from a Duet server, or no tally did.
 *
 * @param sent              requests sent, or tried
 * @param answered          answers received, whatever their status and whoever gave them
 * @param reachedServer     requests that arrived at a server at least once
 * @param duplicates        arrivals beyond the first of a request: a hop retried it
 * @param neverArrived      requests sent that no server saw
 * @param answeredInBetween answers that did not come from the server for that request: a cache
 *     or a hop answered (their X-Duet-Seen is missing, or names another request)
 */
@JsonPropertyOrder({"sent", "answered", "reachedServer", "duplicates", "neverArrived", "answeredInBetween"})
public record RunCounts(
        long sent, long answered, Long reachedServer, Long duplicates, Long neverArrived, Long answeredInBetween) {

    /** The counts of a run whose answers and tallies are in; {@code merged} null when no tally came. */
    public static RunCounts of(Answers answers, ServerTallies.Merged merged) {
        boolean fromDuet = !answers.servers().isEmpty() || merged != null;
        long sent = answers.run().sent();
        return new RunCounts(
                sent,
                answers.answered(),
                merged == null ? null : merged.reached(),
                merged == null ? null : Math.max(0, merged.arrivals() - merged.reached()),
                merged == null ? null : Math.max(0, sent - merged.reached()),
                fromDuet ? answers.inBetween() : null);
    }

    /** True when the path did anything but carry each request once to a server and its answer back. */
    public boolean anythingHappened() {
        return positive(duplicates) || positive(neverArrived) || positive(answeredInBetween);
    }

    /** One line for a person: "5 sent, 5 answered, 1 reached a server, 4 answered in between (a cache...)". */
    public String line() {
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%,d sent", sent));
        parts.add(String.format(Locale.ROOT, "%,d answered", answered));
        if (reachedServer != null) {
            parts.add(String.format(Locale.ROOT, "%,d reached a server", reachedServer));
        }
        if (positive(duplicates)) {
            parts.add(String.format(Locale.ROOT, "%,d duplicates (a hop retried)", duplicates));
        }
        if (positive(neverArrived)) {
            parts.add(String.format(Locale.ROOT, "%,d never arrived", neverArrived));
        }
        if (positive(answeredInBetween)) {
            parts.add(String.format(Locale.ROOT, "%,d answered in between (a cache or a hop)", answeredInBetween));
        }
        return String.join(", ", parts);
    }

    private static boolean positive(Long count) {
        return count != null && count > 0;
    }
}
