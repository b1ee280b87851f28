package dev.duet.client.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a running load may still do: a closed loop's {@code -n} requests, handed out one at a time
 * to whichever connection is free, and a stop that ends the run early ({@code
 * --abort-on-threshold}). Shared by every load thread.
 */
final class Budget {
    private final long limit;
    private final AtomicLong taken = new AtomicLong();
    private volatile boolean stopped;

    /** @param limit how many requests in all; -1 for no limit */
    Budget(long limit) {
        this.limit = limit;
    }

    /** Takes one request from the budget; false when none is left, or the run was stopped. */
    boolean take() {
        if (stopped) {
            return false;
        }
        return limit < 0 || taken.getAndIncrement() < limit;
    }

    /** No request may start any more: the budget is spent, or the run was stopped. */
    boolean spent() {
        return stopped || (limit >= 0 && taken.get() >= limit);
    }

    /** Ends the run: no request starts after this; those in flight finish. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }
}
