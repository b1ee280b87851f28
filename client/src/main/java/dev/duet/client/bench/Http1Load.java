package dev.duet.client.bench;

import dev.duet.client.count.Answers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP/1.1 keep-alive load on non-blocking sockets: a few threads, each with one selector driving
 * its share of the connections, as wrk does. A thread per connection with a general-purpose client
 * spent more time in its own locks, dispatcher and wake-ups than the servers it measured spent
 * answering; here a request is a write of bytes encoded once, and an answer is parsed for its
 * framing only, both into buffers each connection owns.
 */
final class Http1Load {
    /** Below this, a wait for a request's due time polls instead of sleeping in the selector. */
    private static final long FINE_WAIT_NANOS = 1_000_000;
    /** How long a fine wait parks between polls: about what Linux gives a short sleep anyway. */
    private static final long POLL_NANOS = 50_000;

    private final InetSocketAddress address;
    private final String shownAddress;
    private final Http1Request request;
    private final LoadSchedule schedule;
    private final long timeoutNanos;
    private final Tally tally;
    private final Answers answers;
    private final Budget budget;
    private final Phases phases;

    /**
     * @param shownAddress the address as the user wrote it, for the error line
     * @param answers      where a numbered run's answers are counted; null when not numbered
     * @param budget       a closed loop's requests left ({@code -n}), and the early stop
     * @param phases       where the times of new connections go
     */
    Http1Load(
            InetSocketAddress address,
            String shownAddress,
            Http1Request request,
            LoadSchedule schedule,
            long timeoutNanos,
            Tally tally,
            Answers answers,
            Budget budget,
            Phases phases) {
        this.address = address;
        this.shownAddress = shownAddress;
        this.request = request;
        this.schedule = schedule;
        this.timeoutNanos = timeoutNanos;
        this.tally = tally;
        this.answers = answers;
        this.budget = budget;
        this.phases = phases;
    }

    /**
     * Starts {@code threads} threads that share the connections; each starts no request at or after
     * {@code deadline} (or once the budget is spent or stopped), lets those in flight finish (or time
     * out), and closes its connections.
     */
    List<Thread> start(int threads, long start, long deadline) throws IOException {
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Integer> workers = new ArrayList<>();
            for (int w = t; w < schedule.connections(); w += threads) {
                workers.add(w);
            }
            Loop loop = new Loop(workers, start, deadline);
            Thread thread = new Thread(loop, "duet-bench-io-" + t);
            thread.start();
            started.add(thread);
        }
        return started;
    }

    /** One thread's selector and connections. */
    private final class Loop implements Runnable {
        private final Selector selector;
        private final Connection[] connections;
        private final Tally.Lane lane = tally.lane();
        private final long start;
        private final long deadline;

        Loop(List<Integer> workers, long start, long deadline) throws IOException {
            this.start = start;
            this.deadline = deadline;
            this.selector = Selector.open();
            this.connections = new Connection[workers.size()];
            for (int i = 0; i < connections.length; i++) {
                connections[i] = new Connection(workers.get(i)); // its first request is due from start on
            }
        }

        @Override
        public void run() {
            try (selector) {
                while (true) {
                    long now = System.nanoTime();
                    boolean ending = now >= deadline || budget.stopped();
                    long wake = ending ? now + timeoutNanos : deadline;
                    boolean busy = false;
                    boolean owing = false; // a connection has requests left to make
                    for (Connection c : connections) {
                        if (c.inFlight) {
                            if (now - c.started >= timeoutNanos) {
                                c.fail(ErrorKinds.TIMEOUT, "no answer within " + timeoutNanos / 1_000_000 + " ms", now);
                            } else {
                                busy = true;
                                wake = Math.min(wake, c.started + timeoutNanos);
                            }
                        }
                        if (!c.inFlight && !ending && now >= c.nextAt) {
                            c.begin(now);
                            busy |= c.inFlight;
                        }
                        if (!c.inFlight && !ending && c.nextAt != Long.MAX_VALUE) {
                            // also after a begin that failed at once (a connect the kernel refused outright)
                            wake = Math.min(wake, c.nextAt);
                            owing = true;
                        }
                    }
                    if (!busy && (ending || !owing)) {
                        dropUnsent();
                        break;
                    }
                    await(wake - System.nanoTime());
                }
            } catch (IOException e) {
                lane.failed("other", "the load's selector failed: " + e.getMessage());
            } finally {
                for (Connection c : connections) {
                    c.close();
                }
            }
        }

        /**
         * Without catching up, a slot due before the end that a connection never reached (it was
         * still waiting for an answer) is dropped too: every slot of the timetable is sent or dropped.
         */
        private void dropUnsent() {
            if (schedule.isOpen() && !schedule.catchUp() && !budget.stopped()) {
                for (Connection c : connections) {
                    lane.dropped(schedule.dueBefore(start, c.worker, c.begun, deadline));
                }
            }
        }

        /**
         * Handles what is ready within {@code nanos}. A selector waits in whole milliseconds, too
         * coarse for a timetable, where a request sent late adds its lateness to its latency: the
         * last millisecond before a request is due is waited out in short parks between polls.
         */
        private void await(long nanos) throws IOException {
            if (nanos >= FINE_WAIT_NANOS) {
                selector.select(this::ready, nanos / 1_000_000);
            } else if (selector.selectNow(this::ready) == 0 && nanos > 0) {
                LockSupport.parkNanos(Math.min(nanos, POLL_NANOS));
            }
        }

        private void ready(SelectionKey key) {
            Connection c = (Connection) key.attachment();
            long now = System.nanoTime();
            try {
                if (key.isConnectable()) {
                    c.connected();
                } else if (key.isWritable()) {
                    c.write();
                } else if (key.isReadable()) {
                    c.read(now);
                }
            } catch (IOException e) {
                c.failed(e, now);
            }
        }

        /** One connection, and the one request it has in flight at most. */
        private final class Connection {
            private final int worker;
            private final Http1Request.Sender sender = request.sender();
            private final ByteBuffer in = ByteBuffer.allocateDirect(16 * 1024);
            private final ResponseParser parser =
                    new ResponseParser(answers == null ? null : answers.run().id());
            private ByteBuffer out;
            /** The number of the request in flight, in a numbered run. */
            private int seq;
            /** The server that answered this connection's last request, as the parser named it. */
            private String lastServer;

            private SocketChannel channel;
            private SelectionKey key;
            /** Requests begun so far: the next one's place in the timetable. */
            private long begun;
            /** When the next request may begin (its due time in an open loop). */
            private long nextAt;

            private boolean inFlight;
            /** When the request in flight was due, and when it was begun (connecting or writing). */
            private long due;

            private long started;
            /** Whether the request in flight opened the connection: its first byte is a new connection's. */
            private boolean fresh;

            Connection(int worker) {
                this.worker = worker;
                this.nextAt = schedule.isOpen() ? schedule.due(start, worker, 0) : start;
            }

            void begin(long now) {
                if (schedule.isOpen()) {
                    long first = schedule.firstToSend(start, worker, begun, now);
                    if (first > begun) {
                        lane.dropped(first - begun); // --no-catchup: late by a whole slot or more
                        begun = first;
                    }
                    due = schedule.due(start, worker, begun);
                } else if (budget.take()) {
                    due = now;
                } else {
                    nextAt = Long.MAX_VALUE; // -n: every request is made
                    return;
                }
                started = now;
                inFlight = true;
                begun++;
                try {
                    if (channel == null) {
                        connect();
                    } else {
                        send();
                    }
                } catch (IOException e) {
                    failed(e, now);
                }
            }

            private void connect() throws IOException {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                fresh = true;
                if (channel.connect(address)) {
                    phases.connected(System.nanoTime() - started);
                    key = channel.register(selector, SelectionKey.OP_READ, this);
                    send();
                } else {
                    key = channel.register(selector, SelectionKey.OP_CONNECT, this);
                }
            }

            void connected() throws IOException {
                channel.finishConnect();
                phases.connected(System.nanoTime() - started);
                key.interestOps(SelectionKey.OP_READ);
                send();
            }

            private void send() throws IOException {
                parser.reset(request.head());
                seq = answers == null ? 0 : answers.run().next();
                out = sender.request(seq);
                write();
            }

            void write() throws IOException {
                lane.sent(channel.write(out));
                // the interest stays OP_READ while each request goes out whole, as small ones do
                int interest = out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
                if (key.interestOps() != interest) {
                    key.interestOps(interest);
                }
            }

            void read(long now) throws IOException {
                in.clear();
                int n = channel.read(in);
                if (n > 0) {
                    lane.received(n);
                    if (fresh && inFlight) {
                        phases.firstByte(now - started);
                        fresh = false;
                    }
                }
                if (n < 0) {
                    if (inFlight && parser.closed()) {
                        answered(now);
                    } else if (inFlight) {
                        fail(
                                ErrorKinds.CLOSED,
                                parser.untouched()
                                        ? "the server closed the connection without an answer"
                                        : "the server closed the connection mid-answer",
                                now);
                    } else {
                        close(); // an idle keep-alive connection the server let go: reconnect when due
                    }
                    return;
                }
                if (!inFlight) {
                    if (n > 0) {
                        throw new MalformedAnswer("the server sent bytes nobody asked for");
                    }
                    return;
                }
                in.flip();
                if (parser.feed(in)) {
                    if (in.hasRemaining()) {
                        throw new MalformedAnswer("the server sent more than its answer");
                    }
                    answered(now);
                }
            }

            private void answered(long now) {
                boolean fromServer = answers == null || parser.fromServerFor(seq);
                // an answer from a cache carries the server's time on some earlier request: not this one's
                lane.answered(due, started, now, parser.status(), fromServer ? parser.serverNanos() : -1);
                if (answers != null) {
                    String server = parser.server();
                    // a server already named by this connection's last answer is known already
                    answers.answered(
                            parser.fromServerFor(seq), parser.seenCount(), server == lastServer ? null : server);
                    lastServer = server;
                }
                inFlight = false;
                if (parser.closeAfter()) {
                    close();
                }
                nextAt = schedule.isOpen() ? schedule.due(start, worker, begun) : now;
                if (!schedule.isOpen() && now < deadline) {
                    begin(now); // a closed loop sends again at once, without a pass over the others
                }
            }

            /** The request in flight failed with {@code e}: refused, reset, not HTTP, ... */
            void failed(IOException e, long now) {
                fail(ErrorKinds.of(e), ErrorKinds.detail(e, shownAddress), now);
            }

            void fail(String kind, String detail, long now) {
                lane.failed(kind, detail);
                inFlight = false;
                fresh = false;
                close();
                long retryAt = LoadSchedule.retryAt(kind, now);
                nextAt = schedule.isOpen() ? Math.max(retryAt, schedule.due(start, worker, begun)) : retryAt;
            }

            void close() {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // closing: nothing left to lose
                    }
                    channel = null;
                    key = null;
                }
            }
        }
    }
}
