package dev.duet.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The one wait in the tests for what nothing announces — a count that lands just after a
 * connection closes, a listener that stops accepting, a burst of threads that drains: reads the
 * value every few milliseconds until it is as wanted, and fails naming what did not happen (and
 * the last value seen) once {@code within} has passed. Where a real signal exists (a log line, a
 * future, a latch), a test waits on that instead.
 */
public final class Await {
    private static final long POLL_MILLIS = 5;

    private Await() {}

    /** The first value {@code read} gives that {@code done} accepts. */
    public static <T> T until(String what, Duration within, Callable<T> read, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        T value = read.call();
        while (!done.test(value)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + Durations.format(within) + "; last: " + value);
            }
            Thread.sleep(POLL_MILLIS);
            value = read.call();
        }
        return value;
    }
}
