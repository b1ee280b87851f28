package dev.duet.client.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Load from a thread per connection, each waiting on its own exchange: for what {@link Http1Load}
 * does not speak (HTTP/2 and TLS through OkHttp, the stream echoes, the fork channel). A failed
 * exchange is counted and its connection opened again; the run goes on.
 */
final class BlockingLoad {
    /**
     * What came back from one exchange.
     *
     * @param status      an HTTP status, or 200 for an echo that came back whole
     * @param serverNanos the server's own time on it, from its Server-Timing; -1 when it said none
     * @param sent        bytes this thread wrote for it; 0 when a socket counts them ({@link Tally#traffic})
     * @param received    bytes this thread read for it, the same way
     */
    record Reply(int status, long serverNanos, long sent, long received) {
        /** An echo of {@code bytes} that came back whole. */
        static Reply echo(int bytes) {
            return new Reply(200, -1, bytes, bytes);
        }
    }

    /** One connection's (or child's) exchanges. */
    interface Exchange extends AutoCloseable {
        Reply once() throws IOException;

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
    private final Budget budget;

    /**
     * @param target what the opener connects to, as the user wrote it, for the error line
     * @param budget a closed loop's requests left ({@code -n}), and the early stop
     */
    BlockingLoad(String target, Opener opener, LoadSchedule schedule, Tally tally, Budget budget) {
        this.target = target;
        this.opener = opener;
        this.schedule = schedule;
        this.tally = tally;
        this.budget = budget;
    }

    /** The clock of a started load, and its threads. */
    record Started(long start, long deadline, List<Thread> threads) {}

    /**
     * Opens every worker's exchange (a connection, a child JVM) and only then starts the clock, so
     * no request's latency holds a connect or a JVM's start; a worker whose opening failed counts
     * that failure and tries again in the run.
     *
     * @param nanos how long the run may last
     */
    Started start(long nanos) throws InterruptedException {
        int workers = schedule.connections();
        CountDownLatch opened = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        long[] clock = new long[2]; // written before go opens, read after: the latch orders them
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(
                    () -> {
                        Exchange exchange = null;
                        IOException failed = null;
                        try {
                            exchange = opener.open();
                        } catch (IOException e) {
                            failed = e;
                        }
                        opened.countDown();
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            close(exchange);
                            return;
                        }
                        work(worker, exchange, failed, clock[0], clock[1]);
                    },
                    "duet-bench-" + w);
            thread.start();
            threads.add(thread);
        }
        opened.await();
        clock[0] = System.nanoTime();
        clock[1] = clock[0] + nanos;
        go.countDown();
        return new Started(clock[0], clock[1], threads);
    }

    private void work(int worker, Exchange opened, IOException openFailure, long start, long deadline) {
        Tally.Lane lane = tally.lane();
        Exchange exchange = opened;
        long retryAt = start;
        if (openFailure != null) {
            retryAt = failed(lane, openFailure, start);
        }
        try {
            for (long k = 0; ; k++) {
                long now = System.nanoTime();
                long due;
                if (schedule.isOpen()) {
                    long first = schedule.firstToSend(start, worker, k, now);
                    if (first > k) {
                        lane.dropped(first - k); // --no-catchup: late by a whole slot or more
                        k = first;
                    }
                    due = Math.max(retryAt, schedule.due(start, worker, k));
                } else {
                    due = Math.max(now, retryAt);
                }
                if (due >= deadline || budget.stopped()) {
                    return;
                }
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                if (!schedule.isOpen() && !budget.take()) {
                    return; // -n: every request is made
                }
                try {
                    if (exchange == null) {
                        exchange = opener.open(); // again, after a failure: in the run, but not in a latency
                        now = System.nanoTime();
                    }
                    if (!schedule.isOpen()) {
                        due = now; // a closed loop times each request from its sending
                    }
                    Reply reply = exchange.once();
                    lane.answered(due, now, System.nanoTime(), reply.status(), reply.serverNanos());
                    lane.sent(reply.sent());
                    lane.received(reply.received());
                } catch (IOException e) {
                    close(exchange);
                    exchange = null;
                    retryAt = failed(lane, e, System.nanoTime());
                }
            }
        } finally {
            close(exchange);
        }
    }

    /** Counts a failure; returns when its worker may try again. */
    private long failed(Tally.Lane lane, IOException e, long now) {
        String kind = ErrorKinds.of(e);
        lane.failed(kind, ErrorKinds.detail(e, target));
        return LoadSchedule.retryAt(kind, now);
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
