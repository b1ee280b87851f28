package dev.duet.client.bench;

import java.util.OptionalInt;

/**
 * When each request is due. A closed loop sends again as soon as the answer is in, so a stalled
 * server also stalls the clock that would have timed the requests it held up (coordinated
 * omission). An open loop ({@code --rate}) keeps a timetable, as wrk2 does: request {@code n} is due
 * at {@code start + n / rate} whatever happened before it, and its latency runs from then.
 *
 * @param rate requests per second over all connections; empty for a closed loop
 */
record LoadSchedule(OptionalInt rate, int connections) {
    static LoadSchedule closed(int connections) {
        return new LoadSchedule(OptionalInt.empty(), connections);
    }

    static LoadSchedule open(int rate, int connections) {
        return new LoadSchedule(OptionalInt.of(rate), connections);
    }

    boolean isOpen() {
        return rate.isPresent();
    }

    /**
     * When connection {@code worker}'s {@code k}th request is due: the connections take the slots of
     * one timetable in turn, so together they send at the rate, evenly spread. Only for an open loop.
     */
    long due(long startNanos, int worker, long k) {
        long n = k * connections + worker;
        return startNanos + (long) (n * 1e9 / rate.getAsInt());
    }

    /**
     * When a connection that failed may try again: at once, but 10 ms after one that could not
     * connect, so a down server or a missing route is not spun on.
     */
    static long retryAt(String failureKind, long now) {
        return ErrorKinds.notConnected(failureKind) ? now + 10_000_000 : now;
    }
}
