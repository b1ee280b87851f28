package dev.duet.client.count;

import dev.duet.common.RunHeaders;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client's half of counting a run: how many of its requests were answered, how many of those
 * answers came from somewhere between client and server (a cache, a proxy's own error page), and
 * which servers answered the rest, whose tallies the end of the run asks for. Safe to use from
 * several threads.
 */
public final class Answers {
    private final Run run;
    private final LongAdder answered = new LongAdder();
    private final LongAdder inBetween = new LongAdder();
    private final LongAccumulator mostSeen = new LongAccumulator(Math::max, 0);
    private final Set<String> servers = ConcurrentHashMap.newKeySet();

    public Answers(Run run) {
        this.run = run;
    }

    public Run run() {
        return run;
    }

    /**
     * Counts an answer to request {@code seq}.
     *
     * @param seen its {@code X-Duet-Seen} value, or null when it had none
     * @return what the server said of the request, or null when the answer did not come from it
     */
    public RunHeaders.Seen answered(int seq, String seen) {
        answered.increment();
        RunHeaders.Seen parsed = seen == null ? null : RunHeaders.Seen.parse(seen);
        if (parsed != null) {
            servers.add(parsed.server()); // whatever run it names: that server is there to ask
        }
        if (!run.answeredByServer(seq, parsed)) {
            inBetween.increment();
            return null;
        }
        mostSeen.accumulate(parsed.count());
        return parsed;
    }

    /** Adds what another thread's counters hold (a load's lanes count on their own). */
    public void add(long answered, long inBetween, Set<String> servers) {
        this.answered.add(answered);
        this.inBetween.add(inBetween);
        this.servers.addAll(servers);
    }

    public long answered() {
        return answered.sum();
    }

    /** The most times the server had seen a request when it answered it: over 1, a hop retried. */
    public long mostSeen() {
        return mostSeen.get();
    }

    public long inBetween() {
        return inBetween.sum();
    }

    /** The servers that answered any request of the run themselves. */
    public Set<String> servers() {
        return Set.copyOf(servers);
    }
}
