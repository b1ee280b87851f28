package dev.duet.client.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Load from a thread per connection, each waiting on its own exchange: for what {@link Http1Load}
 * does not speak (HTTP/2 and TLS through OkHttp, the stream echoes, the fork channel). A failed
 * exchange is counted and its connection opened again; the run goes on.
 */
final class BlockingLoad {
    /** One connection's (or child's) exchanges. */
    interface Exchange extends AutoCloseable {
        /** @return the answer's status: an HTTP status, or 200 for an echo that came back whole */
        int once() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Opens a connection or starts a child; a failure counts as a failed request. */
    interface Opener {
        Exchange open() throws IOException;
    }

    private final String target;
    private final Opener opener;
    private final LoadSchedule schedule;
    private final Tally tally;

    /** @param target what the opener connects to, as the user wrote it, for the error line */
    BlockingLoad(String target, Opener opener, LoadSchedule schedule, Tally tally) {
        this.target = target;
        this.opener = opener;
        this.schedule = schedule;
        this.tally = tally;
    }

    List<Thread> start(long start, long deadline) {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < schedule.connections(); w++) {
            int worker = w;
            Thread thread = new Thread(() -> work(worker, start, deadline), "duet-bench-" + w);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private void work(int worker, long start, long deadline) {
        Tally.Lane lane = tally.lane();
        Exchange exchange = null;
        long retryAt = start;
        try {
            for (long k = 0; ; k++) {
                long now = System.nanoTime();
                long due =
                        schedule.isOpen() ? Math.max(retryAt, schedule.due(start, worker, k)) : Math.max(now, retryAt);
                if (due >= deadline) {
                    return;
                }
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                if (!schedule.isOpen()) {
                    due = now; // a closed loop times each request from its sending
                }
                try {
                    if (exchange == null) {
                        exchange = opener.open();
                    }
                    int status = exchange.once();
                    lane.answered(due, now, System.nanoTime(), status);
                } catch (IOException e) {
                    String kind = ErrorKinds.of(e);
                    lane.failed(kind, ErrorKinds.detail(e, target));
                    close(exchange);
                    exchange = null;
                    retryAt = LoadSchedule.retryAt(kind, System.nanoTime());
                }
            }
        } finally {
            close(exchange);
        }
    }

    private static void close(Exchange exchange) {
        if (exchange != null) {
            try {
                exchange.close();
            } catch (IOException ignored) {
                // the exchange failed already, or the run is over
            }
        }
    }
}
