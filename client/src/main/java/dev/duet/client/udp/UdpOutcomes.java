package dev.duet.client.udp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.Failure;
import dev.duet.common.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a {@code duet-client udp} run saw, as it sees it: a line for each echo, loss, duplicate,
 * late or foreign answer, then the counts and which datagrams each names; with --json, one object
 * at the end instead. A run with a datagram lost fails with exit 28 (no answer in time), one
 * answered with bytes that were not its echo with 56; duplicated and reordered datagrams are
 * reported, not failed: UDP allows both, and the echo still came back.
 */
final class UdpOutcomes implements EchoLedger.Listener {
    /** How many datagram numbers the summary line names for each kind, before "...". */
    private static final int NAMED = 10;

    private final UdpConfig config;
    private final PrintStream out;
    private final List<Long> lost = new ArrayList<>();
    private final List<Long> duplicated = new ArrayList<>();
    private final List<Long> reordered = new ArrayList<>();
    private final List<Long> late = new ArrayList<>();
    private long sent;
    private long echoed;
    private long different;
    private double fastest = Double.MAX_VALUE;
    private double slowest;
    private double total;

    UdpOutcomes(UdpConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /**
     * The --json object: every key always there.
     *
     * @param different   answers that were no datagram this run sent, byte for byte
     * @param roundTripMs the echoes in time; null when there were none
     */
    record Summary(
            String target,
            int size,
            long timeoutMs,
            long sent,
            long echoed,
            int lost,
            int duplicated,
            int reordered,
            int late,
            long different,
            List<Long> lostSeqs,
            List<Long> duplicatedSeqs,
            List<Long> reorderedSeqs,
            List<Long> lateSeqs,
            RoundTrips roundTripMs) {}

    /** Milliseconds. */
    record RoundTrips(double fastest, double mean, double slowest) {}

    String heading() {
        return "udp " + config.name() + ": " + config.size() + "-byte datagrams, each waiting up to "
                + Durations.format(config.timeout()) + " for its echo";
    }

    @Override
    public void echoed(long seq, long roundTripNanos, boolean outOfOrder) {
        double ms = roundTripNanos / 1e6;
        echoed++;
        fastest = Math.min(fastest, ms);
        slowest = Math.max(slowest, ms);
        total += ms;
        if (outOfOrder) {
            reordered.add(seq);
        }
        line(String.format(
                Locale.ROOT,
                "echo %d: %d bytes in %.2f ms%s",
                seq,
                config.size(),
                ms,
                outOfOrder ? " (reordered: after a later one)" : ""));
    }

    @Override
    public void duplicated(long seq, long roundTripNanos) {
        duplicated.add(seq);
        line(String.format(
                Locale.ROOT,
                "echo %d again: %d bytes in %.2f ms (duplicated)",
                seq,
                config.size(),
                roundTripNanos / 1e6));
    }

    @Override
    public void late(long seq, long roundTripNanos) {
        late.add(seq);
        line(String.format(
                Locale.ROOT,
                "echo %d: %d bytes in %.2f ms (late: counted lost after %s)",
                seq,
                config.size(),
                roundTripNanos / 1e6,
                Durations.format(config.timeout())));
    }

    @Override
    public void lost(long seq, String cause) {
        lost.add(seq);
        line("lost " + seq + ": no echo within " + Durations.format(config.timeout()));
    }

    @Override
    public void different(int length) {
        different++;
        line("not an echo: " + length + " bytes that no datagram of this run was");
    }

    private void line(String text) {
        if (!config.json()) {
            out.println(text);
        }
    }

    /** Prints the counts (or the JSON object); throws the run's failure, if it failed. */
    void finish(long sentCount) throws Failure {
        sent = sentCount;
        if (config.json()) {
            json();
        } else {
            out.println(counts());
            if (echoed > 0) {
                out.printf(
                        Locale.ROOT,
                        "round trips: %d, fastest %.2f ms, mean %.2f ms, slowest %.2f ms%n",
                        echoed,
                        fastest,
                        total / echoed,
                        slowest);
            }
        }
        if (different > 0) {
            throw new Failure(
                    Failure.Kind.ECHO_MISMATCH,
                    different + (different == 1 ? " answer" : " answers") + " from " + config.name()
                            + (different == 1 ? " was" : " were") + " not the echo of a datagram sent");
        }
        if (!lost.isEmpty()) {
            throw new Failure(
                    Failure.Kind.TIMEOUT,
                    lost.size() + " of " + sent + " datagrams to " + config.name() + " got no echo within "
                            + Durations.format(config.timeout()) + " (lost)");
        }
    }

    /** {@code sent 6, echoed 5: lost 1 (2), duplicated 1 (5), reordered 1 (3)}. */
    private String counts() {
        StringBuilder line = new StringBuilder("sent " + sent + ", echoed " + echoed + ": ");
        line.append(kind("lost", lost)).append(", ").append(kind("duplicated", duplicated));
        line.append(", ").append(kind("reordered", reordered));
        if (!late.isEmpty()) {
            line.append(", ").append(kind("late", late));
        }
        if (different > 0) {
            line.append(", not an echo ").append(different);
        }
        return line.toString();
    }

    private static String kind(String name, List<Long> seqs) {
        if (seqs.isEmpty()) {
            return name + " 0";
        }
        String named = seqs.stream().limit(NAMED).map(String::valueOf).collect(Collectors.joining(", "));
        return name + " " + seqs.size() + " (" + named + (seqs.size() > NAMED ? ", ..." : "") + ")";
    }

    private void json() {
        Summary summary = new Summary(
                config.name(),
                config.size(),
                config.timeout().toMillis(),
                sent,
                echoed,
                lost.size(),
                duplicated.size(),
                reordered.size(),
                late.size(),
                different,
                lost,
                duplicated,
                reordered,
                late,
                echoed == 0 ? null : new RoundTrips(round(fastest), round(total / echoed), round(slowest)));
        try {
            out.println(new ObjectMapper().writeValueAsString(summary));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
