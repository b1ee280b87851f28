package dev.duet.client.udp;

import dev.duet.client.Failure;
import dev.duet.client.http.RequestFailure;
import dev.duet.client.stream.HostPort;
import dev.duet.common.ShutdownSignal;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;

/**
 * {@code duet-client udp HOST:PORT}: sends numbered datagrams, prints each echo's round trip as it
 * comes, and at the end how many were sent and echoed, and which were lost, duplicated or
 * reordered. Without --interval each datagram goes once the one before is echoed or lost, as ping
 * -c does with -i 0 after each reply; with it, on that timetable whatever came back, so several
 * may be on the way at once (and only then can they arrive out of order).
 *
 * <p>One thread sends and receives: it waits in {@code receive()} until the next datagram is due or
 * the oldest one waiting runs out of time, so each echo is timed the moment it arrives.
 */
public final class UdpCommand {
    private static final int NO_WAIT_MILLIS = 1;

    private final UdpConfig config;
    private final PrintStream out;

    public UdpCommand(UdpConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public void run() throws Failure {
        UdpOutcomes outcomes = new UdpOutcomes(config, out);
        // until interrupted: SIGINT or SIGTERM ends the sending, and the summary is still printed
        ShutdownSignal stop = config.count().isEmpty() ? ShutdownSignal.install() : null;
        long timeout = config.timeout().toNanos();
        long interval = config.interval().toNanos();
        // the ledger must hold every datagram sent within a timeout: one at a time, that many round trips of
        // 10 µs (loopback's quickest), at most --count
        long withinATimeout = interval == 0 ? timeout / 10_000 : timeout / interval + 1;
        long inFlight = Math.min(withinATimeout, config.count().orElse(Integer.MAX_VALUE));
        EchoLedger ledger = new EchoLedger(inFlight, timeout, config.size(), outcomes);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(HostPort.resolve(config.address()));
            if (!config.json()) {
                out.println(outcomes.heading());
            }
            exchange(socket, ledger, stop);
        } catch (IOException e) {
            throw RequestFailure.from(e, config.name(), config.timeout(), 0);
        }
        outcomes.finish(ledger.lastSent());
    }

    private void exchange(DatagramSocket socket, EchoLedger ledger, ShutdownSignal stop) throws IOException {
        int size = config.size();
        byte[] sending = new byte[size];
        DatagramPacket outgoing = new DatagramPacket(sending, size);
        byte[] arriving = new byte[NumberedDatagram.LARGEST + 1];
        DatagramPacket incoming = new DatagramPacket(arriving, arriving.length);
        long interval = config.interval().toNanos();
        long start = System.nanoTime();
        long seq = 0;
        while (true) {
            long now = System.nanoTime() - start;
            boolean more = config.count().map(n -> ledger.lastSent() < n).orElse(stop == null || !stop.received());
            long due = interval == 0 ? (ledger.settled() ? now : Long.MAX_VALUE) : seq * interval;
            if (more && due <= now) {
                seq++;
                NumberedDatagram.write(sending, seq, now, size);
                ledger.sent(seq, now);
                socket.send(outgoing);
                continue;
            }
            if (!more && ledger.settled()) {
                return;
            }
            long wake = Math.min(more ? due : Long.MAX_VALUE, ledger.nextExpiry());
            socket.setSoTimeout((int) Math.max(NO_WAIT_MILLIS, Math.min(1_000, (wake - now + 999_999) / 1_000_000)));
            incoming.setLength(arriving.length);
            try {
                socket.receive(incoming);
                ledger.received(arriving, incoming.getLength(), System.nanoTime() - start);
            } catch (SocketTimeoutException waitedEnough) {
                // the next datagram is due, or the oldest one's time ran out
            }
            ledger.expire(System.nanoTime() - start);
        }
    }
}
