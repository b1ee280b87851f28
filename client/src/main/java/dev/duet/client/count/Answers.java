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
    private final LongAdder lostAfterConnecting = new LongAdder();
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
        RunHeaders.Seen parsed = seen == null ? null : RunHeaders.Seen.parse(seen);
        boolean fromServer = run.answeredByServer(seq, parsed);
        answered(fromServer, fromServer ? parsed.count() : 0, parsed == null ? null : parsed.server());
        return fromServer ? parsed : null;
    }

    /**
     * Counts an answer whose {@code X-Duet-Seen} was read elsewhere.
     *
     * @param fromServer whether it named this run and the request it answers
     * @param count      how many times the server had seen the request, if {@code fromServer}
     * @param server     the server it names, whatever run: that server is there to ask; or null
     *     (none named, or one the caller knows was counted already)
     */
    public void answered(boolean fromServer, int count, String server) {
        answered.increment();
        if (server != null) {
            servers.add(server);
        }
        if (fromServer) {
            if (count > 1) {
                mostSeen.accumulate(count); // once is the rule: only a retried request is recorded
            }
        } else {
            inBetween.increment();
        }
    }

    public long answered() {
        return answered.sum();
    }

    /** A request that went out on a connection but got no answer (a reset, a timeout). */
    public void lostAfterConnecting() {
        lostAfterConnecting.increment();
    }

    /** Whether any request went out at all: answered, or lost after its connection was made. */
    public boolean anySent() {
        return answered.sum() > 0 || lostAfterConnecting.sum() > 0;
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
