package dev.duet.client.bench;

import dev.duet.client.udp.EchoLedger;
import dev.duet.client.udp.NumberedDatagram;
import dev.duet.common.Durations;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench udp}: numbered datagrams from one socket on --rate's timetable (an open loop: UDP
 * has no connection for a closed one to wait on), and their echoes. One thread sends, never
 * waiting for an echo; another receives, so each echo is timed as it arrives, and settles every
 * datagram with an {@link EchoLedger}: an echo is an answer timed from when its datagram was due,
 * a datagram with none within --timeout is a failure of kind {@code lost} (or {@code refused}, when
 * the system said nothing listens there), and duplicates and reordering are counted.
 */
final class DatagramLoad {
    /** Kind of failure of a datagram that got no echo in time. */
    static final String LOST = "lost";
    /** How often the receiver looks for datagrams whose time ran out, at least. */
    private static final int EXPIRY_CHECK_MILLIS = 10;

    /**
     * What the ledger counted.
     *
     * @param sent       datagrams sent
     * @param lost       with no echo within the timeout
     * @param duplicated echoes beyond the first of a datagram
     * @param reordered  echoes that came after a later datagram's
     */
    record Counts(long sent, long lost, long duplicated, long reordered) {
        static Counts sum(List<Counts> all) {
            return new Counts(
                    all.stream().mapToLong(Counts::sent).sum(),
                    all.stream().mapToLong(Counts::lost).sum(),
                    all.stream().mapToLong(Counts::duplicated).sum(),
                    all.stream().mapToLong(Counts::reordered).sum());
        }
    }

    private final InetSocketAddress address;
    private final String name;
    private final int size;
    private final LoadSchedule schedule;
    private final Duration timeout;
    private final Tally tally;
    private final Budget budget;
    private long lost;
    private long duplicated;
    private long reordered;
    private long sent;
    /** When sending ended, in nanoseconds from the start: the run's length, without the wait for late echoes. */
    private volatile long sendingNanos;
    /** What the socket last said went wrong, for the report; from either thread. */
    private volatile String failure;

    DatagramLoad(
            InetSocketAddress address,
            BenchConfig.Datagrams target,
            LoadSchedule schedule,
            Duration timeout,
            Tally tally,
            Budget budget) {
        this.address = address;
        this.name = target.name();
        this.size = target.size();
        this.schedule = schedule;
        this.timeout = timeout;
        this.tally = tally;
        this.budget = budget;
    }

    /** The datagrams on the way at once, at most: a timeout's worth at the highest rate, and a little. */
    static long inFlight(Timetable timetable, Duration timeout) {
        return (long) Math.ceil(peakRate(timetable) * (timeout.toNanos() / 1e9) * 1.1) + 1;
    }

    static double peakRate(Timetable timetable) {
        return timetable.stretches().stream()
                .mapToDouble(s -> Math.max(s.from(), s.to()))
                .max()
                .orElse(0);
    }

    /** Opens the socket, then starts the clock and both threads; a socket that cannot be opened is thrown. */
    BlockingLoad.Started start(long nanos) throws IOException {
        DatagramSocket socket = new DatagramSocket();
        try {
            socket.setReceiveBufferSize(4 << 20); // a burst of echoes waits here, not dropped (up to rmem_max)
            socket.connect(address);
            socket.setSoTimeout(EXPIRY_CHECK_MILLIS);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        Receiving receiving = new Receiving(tally.lane());
        Tally.Lane sending = tally.lane();
        EchoLedger ledger = new EchoLedger(inFlight(schedule.timetable(), timeout), timeout.toNanos(), size, receiving);
        long start = System.nanoTime();
        receiving.start = start;
        long deadline = start + nanos;
        CountDownLatch sent = new CountDownLatch(1);
        Thread sender = new Thread(() -> send(socket, ledger, sending, start, deadline, sent), "duet-bench-udp-send");
        Thread receiver = new Thread(() -> receive(socket, ledger, receiving, start, sent), "duet-bench-udp-receive");
        sender.start();
        receiver.start();
        return new BlockingLoad.Started(start, deadline, List.of(sender, receiver));
    }

    /** What the run counted; once both threads are done. */
    Counts counts() {
        return new Counts(sent, lost, duplicated, reordered);
    }

    /** How long it sent, in nanoseconds; once both threads are done. */
    long sendingNanos() {
        return sendingNanos;
    }

    private void send(
            DatagramSocket socket, EchoLedger ledger, Tally.Lane lane, long start, long deadline, CountDownLatch done) {
        byte[] datagram = new byte[size];
        DatagramPacket packet = new DatagramPacket(datagram, size);
        long ended = deadline;
        try {
            for (long k = 0; ; k++) {
                long due = schedule.due(start, 0, k);
                if (budget.stopped()) {
                    ended = Math.min(deadline, System.nanoTime());
                    return;
                }
                if (due == Long.MAX_VALUE) {
                    // the timetable or -n is done: the run lasted until the next would have been due
                    Timetable timetable = schedule.timetable();
                    ended = Math.min(deadline, start + Math.min(timetable.dueNanos(k), timetable.nanos()));
                    return;
                }
                if (due >= deadline) {
                    return;
                }
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                NumberedDatagram.write(datagram, k + 1, now - start, size);
                ledger.sent(k + 1, now - start); // first: its echo may be back before send() returns
                try {
                    socket.send(packet);
                    lane.sent(size);
                } catch (IOException e) {
                    // nothing listens (an ICMP error met here), no route: this datagram and those on the way are lost
                    // for it
                    failed(ledger, e, start);
                }
            }
        } finally {
            sent = ledger.lastSent();
            sendingNanos = ended - start;
            done.countDown();
        }
    }

    private void receive(
            DatagramSocket socket, EchoLedger ledger, Receiving receiving, long start, CountDownLatch sending) {
        byte[] buffer = new byte[NumberedDatagram.LARGEST + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            while (sending.getCount() > 0 || !ledger.settled()) {
                packet.setLength(buffer.length);
                try {
                    socket.receive(packet);
                    receiving.at = System.nanoTime();
                    receiving.lane.received(packet.getLength());
                    ledger.received(buffer, packet.getLength(), receiving.at - start);
                } catch (SocketTimeoutException quiet) {
                    // nothing arrived: time to look for datagrams whose time ran out
                } catch (IOException e) {
                    // nothing listens: the ICMP error the kernel got for a datagram sent
                    failed(ledger, e, start);
                }
                ledger.expire(System.nanoTime() - start);
            }
        } finally {
            socket.close();
        }
    }

    private void failed(EchoLedger ledger, IOException e, long start) {
        failure = ErrorKinds.detail(e, name);
        ledger.failed(System.nanoTime() - start, ErrorKinds.of(e));
    }

    /** The ledger's outcomes, on the receiving thread, recorded in its lane of the tally. */
    private final class Receiving implements EchoLedger.Listener {
        private final Tally.Lane lane;
        /** When what the ledger is being told of arrived. */
        long at;
        /** The run's start: set before the threads start. */
        long start;

        Receiving(Tally.Lane lane) {
            this.lane = lane;
        }

        @Override
        public void echoed(long seq, long roundTripNanos, boolean outOfOrder) {
            long due = schedule.due(start, 0, seq - 1);
            lane.answered(due, at - roundTripNanos, at, 200, -1);
            if (outOfOrder) {
                reordered++;
            }
        }

        @Override
        public void duplicated(long seq, long roundTripNanos) {
            duplicated++;
        }

        @Override
        public void late(long seq, long roundTripNanos) {
            // counted lost already, when its time ran out
        }

        @Override
        public void lost(long seq, String cause) {
            lost++;
            if (cause == null) {
                lane.failed(LOST, "no echo within " + Durations.format(timeout));
            } else {
                lane.failed(cause, failure);
            }
        }

        @Override
        public void different(int length) {
            lane.failed(ErrorKinds.BAD_ANSWER, "an answer that is not the echo of a datagram sent");
        }
    }
}
