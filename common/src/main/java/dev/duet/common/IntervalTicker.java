package dev.duet.common;

import java.time.Duration;

/**
 * The {@code --interval} ticker of the repeating commands (get, ws, tcp, unix): ticks at a fixed
 * rate, like JavaScript's {@code setInterval}, so a slow round does not push the
 * later ticks back. The first tick is immediate.
 */
public final class IntervalTicker {
    private final long intervalNanos;
    private long next = System.nanoTime();
    private boolean started;

    public IntervalTicker(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Returns at once the first time, then when the next tick is due. */
    public void awaitTick() throws InterruptedException {
        if (started) {
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        started = true;
    }
}
