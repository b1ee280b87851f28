package dev.duet.client.udp;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What became of each numbered datagram sent: echoed in time, lost (no echo within the timeout),
 * echoed again (duplicated), echoed after a later one (reordered), echoed after its timeout (late),
 * or answered with bytes that are not its echo. UDP does all of these, and a path that does one of
 * them is what a user wants named.
 *
 * <p>One thread sends and records each sending ({@link #sent}); one thread (the same, or another)
 * hands over what arrives and asks for what has expired, and is told each outcome by its {@link
 * Listener}. The times are nanoseconds from the run's start; the datagrams are numbered from 1.
 * The ledger keeps a ring of the datagrams of the last {@code capacity}, enough for all that can
 * be waiting at once, so it stays the same size however long the run.
 */
public final class EchoLedger {
    /** Told what became of each datagram, on the receiving thread. */
    public interface Listener {
        /** Its first echo, within the timeout; {@code reordered} when a later datagram's came first. */
        void echoed(long seq, long roundTripNanos, boolean reordered);

        /** Another echo of a datagram already echoed. */
        void duplicated(long seq, long roundTripNanos);

        /** An echo after the datagram's timeout, when it had been counted lost. */
        void late(long seq, long roundTripNanos);

        /**
         * No echo within the timeout.
         *
         * @param cause what the socket said went wrong since its sending (bench's kind of failure,
         *     such as {@code refused}); null when nothing did: the datagram or its echo was lost
         */
        void lost(long seq, String cause);

        /** Bytes that are no datagram this run sent. */
        void different(int length);
    }

    private final int mask;
    private final AtomicLongArray sentAt;
    /** The datagram echoed in time in each slot of the ring: the receiving thread's own. */
    private final long[] echoed;

    private final long timeoutNanos;
    private final int size;
    private final byte[] scratch;
    private final Listener listener;
    private volatile long lastSent;
    private long resolvedUpTo;
    private long highestEchoed;
    private volatile SocketFailure lastFailure = new SocketFailure(Long.MIN_VALUE, null);

    /** What the socket last said went wrong, and when. */
    private record SocketFailure(long nanos, String kind) {}

    /** The most datagrams a ledger keeps track of at once: its ring then takes 32 MiB. */
    public static final long MOST_IN_FLIGHT = 1 << 19;

    /**
     * @param inFlight the most datagrams sent within one timeout, up to {@link #MOST_IN_FLIGHT}: an
     *     echo of one older than that can only be told apart as late, not as duplicated
     * @param size     the size of every datagram sent
     */
    public EchoLedger(long inFlight, long timeoutNanos, int size, Listener listener) {
        int capacity = Integer.highestOneBit((int) (Math.min(MOST_IN_FLIGHT, inFlight) * 2 + 64) - 1) << 1;
        this.mask = capacity - 1;
        this.sentAt = new AtomicLongArray(capacity);
        this.echoed = new long[capacity];
        this.timeoutNanos = timeoutNanos;
        this.size = size;
        this.scratch = new byte[size];
        this.listener = listener;
    }

    /** Datagram {@code seq} (the one after the last) left at {@code nanos}; by the sending thread. */
    public void sent(long seq, long nanos) {
        sentAt.set(slot(seq), nanos);
        lastSent = seq; // after its time: the receiving thread reads this first
    }

    /** What arrived at {@code nanos}: an echo, or something else. */
    public void received(byte[] bytes, int length, long nanos) {
        if (!NumberedDatagram.whole(bytes, length, size, scratch)) {
            listener.different(length);
            return;
        }
        long seq = NumberedDatagram.seq(bytes, length, size);
        if (seq < 1 || seq > lastSent) {
            listener.different(length);
            return;
        }
        long roundTrip = nanos - NumberedDatagram.nanos(bytes, length);
        if (echoed[slot(seq)] == seq) {
            listener.duplicated(seq, roundTrip);
        } else if (roundTrip > timeoutNanos || seq <= resolvedUpTo) {
            listener.late(seq, roundTrip);
        } else {
            echoed[slot(seq)] = seq;
            boolean reordered = seq < highestEchoed;
            highestEchoed = Math.max(highestEchoed, seq);
            listener.echoed(seq, roundTrip, reordered);
        }
    }

    /**
     * The socket said something went wrong at {@code nanos} (nothing listens there, the network is
     * unreachable): the datagrams on the way since then are lost for that reason, {@code kind}.
     * From either thread.
     */
    public void failed(long nanos, String kind) {
        lastFailure = new SocketFailure(nanos, kind);
    }

    /** Settles the oldest datagrams: echoed ones, and those whose timeout ran out by {@code nanos} (lost). */
    public void expire(long nanos) {
        for (long seq = resolvedUpTo + 1; seq <= lastSent; seq++) {
            if (echoed[slot(seq)] != seq) {
                long sent = sentAt.get(slot(seq));
                if (nanos - sent <= timeoutNanos) {
                    return;
                }
                SocketFailure failure = lastFailure;
                listener.lost(seq, failure.nanos() >= sent ? failure.kind() : null);
            }
            resolvedUpTo = seq;
        }
    }

    /** When the oldest datagram still waiting runs out of time; {@link Long#MAX_VALUE} when none waits. */
    public long nextExpiry() {
        long oldest = resolvedUpTo + 1;
        return oldest > lastSent ? Long.MAX_VALUE : sentAt.get(slot(oldest)) + timeoutNanos;
    }

    /** Whether every datagram sent is settled: echoed, or lost. */
    public boolean settled() {
        return resolvedUpTo == lastSent;
    }

    public long lastSent() {
        return lastSent;
    }

    private int slot(long seq) {
        return (int) (seq & mask);
    }
}
