package dev.duet.client.stream;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout for blocking channel (or socket) calls, which have none of their own: a guarded call
 * gets a deadline, and a shared timer closes the channel if the call is still waiting after it. Guarding
 * costs a clock read and a few volatile writes, so it fits on every round trip.
 */
final class Watchdog implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "duet-stream-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private static final long SHORTEST_CHECK_MILLIS = 10;
    private static final int CHECKS_PER_TIMEOUT = 20; // so a timeout fires at most 5% late

    private final Closeable channel;
    private final long timeoutNanos;
    private final ScheduledFuture<?> checks;
    private volatile long deadline;
    private volatile boolean armed;
    private volatile boolean expired;

    Watchdog(Closeable channel, Duration timeout) {
        this.channel = channel;
        this.timeoutNanos = timeout.toNanos();
        long every = Math.max(SHORTEST_CHECK_MILLIS, timeout.toMillis() / CHECKS_PER_TIMEOUT);
        this.checks = TIMER.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    /** A blocking call on the channel, such as a read until a buffer is full. */
    interface BlockingCall<T> {
        T run() throws IOException;
    }

    /** Runs one blocking call against the clock: a {@link SocketTimeoutException} if it outlives the timeout. */
    <T> T guard(BlockingCall<T> call) throws IOException {
        deadline = System.nanoTime() + timeoutNanos;
        armed = true;
        try {
            return call.run();
        } catch (IOException e) {
            // closed under the call (a channel says AsynchronousCloseException, a socket "Socket
            // closed"): a timeout if this closed it, else whoever did says why
            throw expired ? new SocketTimeoutException("timeout") : e;
        } finally {
            armed = false;
        }
    }

    private void check() {
        if (armed && System.nanoTime() - deadline >= 0) {
            expired = true;
            try {
                channel.close(); // wakes the blocked call
            } catch (IOException ignored) {
                // closed is closed
            }
        }
    }

    @Override
    public void close() {
        checks.cancel(false);
    }
}
