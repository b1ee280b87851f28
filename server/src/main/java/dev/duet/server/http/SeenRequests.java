package dev.duet.server.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many times this server has seen each request of a client's recent runs ({@code X-Duet-Run}
 * and {@code X-Duet-Seq}, {@link dev.duet.common.RunHeaders}): the server's half of counting a run
 * at both ends. One byte a request, in pages allocated as a run grows, so a run of one request
 * costs 4 KiB and a million requests 1 MiB.
 *
 * <p>Memory is capped: at most {@link #MAX_RUNS} runs and {@link #MAX_BYTES} of counts in all;
 * past either, the run started longest ago is forgotten first. A request whose number lies beyond
 * what the cap lets one run hold is counted as an arrival, but not by its number ({@code
 * uncounted} in the tally). Counting a request that finds its page is a map lookup and a
 * compare-and-set on one byte: no lock.
 */
final class SeenRequests {
    static final int MAX_RUNS = 1024;
    static final int MAX_BYTES = 16 << 20;
    static final int PAGE = 4096;
    private static final int MAX_PAGES = MAX_BYTES / PAGE;
    private static final VarHandle BYTES = MethodHandles.arrayElementVarHandle(byte[].class);

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicLong started = new AtomicLong();
    /** Pages held by every run; changed only under this object's lock. */
    private int pages;

    /**
     * Counts one arrival of request {@code seq} of {@code run}.
     *
     * @return how many times the server has now seen it (at most 255), or 0 when it could not be
     *     counted by its number
     */
    int see(String run, int seq) {
        Run r = runs.get(run);
        if (r == null) {
            r = start(run);
        }
        r.arrivals.increment();
        int index = seq - 1;
        byte[][] directory = r.directory;
        byte[] page = index / PAGE < directory.length ? directory[index / PAGE] : null;
        if (page == null && (page = pageFor(r, index / PAGE)) == null) {
            r.uncounted.increment();
            return 0;
        }
        int at = index % PAGE;
        int old;
        do {
            old = (byte) BYTES.getVolatile(page, at) & 0xff;
            if (old == 0xff) {
                return old; // saturated: a request sent 255 times has made its point
            }
        } while (!BYTES.compareAndSet(page, at, (byte) old, (byte) (old + 1)));
        return old + 1;
    }

    /** What the server saw of {@code run}: empty counts when it never saw it, or forgot it. */
    Tally tally(String run, String server) {
        Run r = runs.get(run);
        if (r == null) {
            return new Tally(run, server, false, 0, 0, 0, 0, "");
        }
        byte[][] directory = r.directory;
        byte[] bitmap = new byte[directory.length * PAGE / 8];
        int distinct = 0;
        int highest = 0;
        for (int number = 0; number < directory.length; number++) {
            byte[] page = directory[number];
            for (int at = 0; page != null && at < PAGE; at++) {
                if ((byte) BYTES.getVolatile(page, at) != 0) {
                    int index = number * PAGE + at;
                    bitmap[index / 8] |= (byte) (1 << (index % 8));
                    distinct++;
                    highest = index + 1;
                }
            }
        }
        return new Tally(
                run,
                server,
                true,
                r.arrivals.sum(),
                distinct,
                highest,
                r.uncounted.sum(),
                Base64.getEncoder().encodeToString(Arrays.copyOf(bitmap, (highest + 7) / 8)));
    }

    /**
     * What a tally says: the run's arrivals, how many of its numbers arrived at least once, and
     * which (a bitmap, so the client can merge the tallies of several replicas).
     *
     * @param known     false when this server never saw the run, or has forgotten it
     * @param arrivals  requests of the run that arrived, repeats included
     * @param distinct  numbers that arrived at least once
     * @param highest   the highest number that arrived
     * @param uncounted arrivals past the memory cap, counted but not by number
     * @param seen      base64 of a bitmap: bit {@code n-1} (least significant first) is set when
     *     request {@code n} arrived
     */
    record Tally(
            String run,
            String server,
            boolean known,
            long arrivals,
            int distinct,
            int highest,
            long uncounted,
            String seen) {}

    private synchronized Run start(String id) {
        Run run = runs.get(id);
        if (run != null) {
            return run;
        }
        while (runs.size() >= MAX_RUNS || pages >= MAX_PAGES) {
            forgetOldest(null);
        }
        run = new Run(id, started.incrementAndGet());
        runs.put(id, run);
        return run;
    }

    /** The page {@code number} of {@code run}, allocated if need be; null when the cap forbids it. */
    private synchronized byte[] pageFor(Run run, int number) {
        if (number >= MAX_PAGES || runs.get(run.id) != run) {
            return null; // beyond one run's share, or the run was forgotten while this request was counted
        }
        byte[][] directory = run.directory;
        if (number < directory.length && directory[number] != null) {
            return directory[number];
        }
        while (pages >= MAX_PAGES) {
            if (!forgetOldest(run)) {
                return null; // this run holds every page there is
            }
        }
        if (number >= directory.length) {
            byte[][] grown = new byte[Math.min(MAX_PAGES, Math.max(number + 1, directory.length * 2))][];
            System.arraycopy(directory, 0, grown, 0, directory.length);
            run.directory = directory = grown;
        }
        directory[number] = new byte[PAGE];
        pages++;
        return directory[number];
    }

    /** Forgets the run started longest ago, other than {@code keep}; false when there is none. */
    private boolean forgetOldest(Run keep) {
        Map.Entry<String, Run> oldest = runs.entrySet().stream()
                .filter(e -> e.getValue() != keep)
                .min(Comparator.comparingLong(e -> e.getValue().order))
                .orElse(null);
        if (oldest == null) {
            return false;
        }
        runs.remove(oldest.getKey());
        for (byte[] page : oldest.getValue().directory) {
            pages -= page == null ? 0 : 1;
        }
        return true;
    }

    private static final class Run {
        final String id;
        final long order;
        final LongAdder arrivals = new LongAdder();
        final LongAdder uncounted = new LongAdder();
        /** Pages of counts by number; replaced, never changed in place but for its empty slots. */
        volatile byte[][] directory = new byte[1][];

        Run(String id, long order) {
            this.id = id;
            this.order = order;
        }
    }
}
