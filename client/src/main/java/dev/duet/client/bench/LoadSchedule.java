package dev.duet.client.bench;

/**
 * When each request is due. A closed loop sends again as soon as the answer is in, so a stalled
 * server also stalls the clock that would have timed the requests it held up (coordinated
 * omission). An open loop ({@code --rate}, {@code --stages}) keeps a {@link Timetable}, as wrk2
 * does: request {@code n} is due when the timetable says, whatever happened before it, and its
 * latency runs from then.
 *
 * @param timetable   the open loop's rates over time; null for a closed loop
 * @param connections how many connections share the requests
 * @param requests    how many requests in all ({@code -n}); -1 for as many as the time allows
 * @param catchUp     whether a connection a stall held up sends the requests it owes back to back
 *     (wrk2's way), or ({@code --no-catchup}) only the last one due, dropping and counting the rest
 */
record LoadSchedule(Timetable timetable, int connections, long requests, boolean catchUp) {
    static LoadSchedule closed(int connections, long requests) {
        return new LoadSchedule(null, connections, requests, true);
    }

    static LoadSchedule open(Timetable timetable, int connections, long requests, boolean catchUp) {
        return new LoadSchedule(timetable, connections, requests, catchUp);
    }

    boolean isOpen() {
        return timetable != null;
    }

    /**
     * When connection {@code worker}'s {@code k}th request is due: the connections take the slots of
     * one timetable in turn, so together they send at the rate, evenly spread. {@link
     * Long#MAX_VALUE} for a slot past the timetable's end or past {@code -n}. Only for an open loop.
     */
    long due(long startNanos, int worker, long k) {
        long n = k * connections + worker;
        if (requests >= 0 && n >= requests) {
            return Long.MAX_VALUE;
        }
        long at = timetable.dueNanos(n);
        return at == Long.MAX_VALUE ? at : startNanos + at;
    }

    /**
     * The first of connection {@code worker}'s slots, from its {@code k}th on, that it should send
     * at {@code now}: with catching up, {@code k} itself; without, the last one already due, every
     * earlier one being late by a whole slot or more. The caller counts the skipped ones as dropped.
     */
    long firstToSend(long startNanos, int worker, long k, long now) {
        if (catchUp) {
            return k;
        }
        long first = k;
        while (due(startNanos, worker, first + 1) <= now) {
            first++;
        }
        return first;
    }

    /** How many of connection {@code worker}'s slots, from its {@code k}th on, are due before {@code deadline}. */
    long dueBefore(long startNanos, int worker, long k, long deadline) {
        long n = 0;
        while (due(startNanos, worker, k + n) < deadline) {
            n++;
        }
        return n;
    }

    /**
     * When a connection that failed may try again: at once, but 10 ms after one that could not
     * connect, so a down server or a missing route is not spun on.
     */
    static long retryAt(String failureKind, long now) {
        return ErrorKinds.notConnected(failureKind) ? now + 10_000_000 : now;
    }
}
