package dev.duet.client.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What a load run has seen so far: latencies in HdrHistograms, and failures by kind. Each sending
 * thread records into a {@link Lane} of its own, so recording takes no lock and no shared counter;
 * one reader ({@link #collect}) merges the lanes, once a second and at the end.
 */
final class Tally {
    private final boolean open;
    private final List<Lane> lanes = new CopyOnWriteArrayList<>();
    private final Histogram latency = new Histogram(3);
    private final Histogram service = new Histogram(3);
    private final Histogram path = new Histogram(3);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final LongAdder dropped = new LongAdder();
    /** Bytes counted by a socket rather than by a lane's thread (OkHttp's connections). */
    private final LongAdder sentElsewhere = new LongAdder();

    private final LongAdder receivedElsewhere = new LongAdder();

    /** @param open whether requests keep a timetable, so latency from it and from sending differ */
    Tally(boolean open) {
        this.open = open;
    }

    /** A recorder for one thread's requests. */
    Lane lane() {
        Lane lane = new Lane();
        lanes.add(lane);
        return lane;
    }

    /** One thread's recording. Its answered() is called by that thread only; failed() by any. */
    final class Lane {
        private final SingleWriterRecorder fromDue = new SingleWriterRecorder(3);
        private final SingleWriterRecorder fromSent = open ? new SingleWriterRecorder(3) : null;
        private final SingleWriterRecorder onThePath = new SingleWriterRecorder(3);
        /** Answers by status, 100 to 599; read once the lane's thread is done. */
        private final long[] statuses = new long[600];
        // one writer each: a release store is enough, and costs a request nothing
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong received = new AtomicLong();

        /**
         * An answer, whatever its status; one other than 2xx is also counted as an error of its status.
         *
         * @param due    when the request was due (in a closed loop, when it was sent)
         * @param sent   when its first byte went out
         * @param done   when the answer was in
         * @param status the answer's HTTP status; 200 for an echo that came back whole
         * @param serverNanos the server's own time on it (Server-Timing), or -1 when it said none:
         *     the rest of the time from sending is the path's
         */
        void answered(long due, long sent, long done, int status, long serverNanos) {
            fromDue.recordValue(Math.max(0, done - due) / 1_000);
            if (fromSent != null) {
                fromSent.recordValue(Math.max(0, done - sent) / 1_000);
            }
            if (serverNanos >= 0) {
                onThePath.recordValue(Math.max(0, done - sent - serverNanos) / 1_000);
            }
            if (status >= 100 && status < statuses.length) {
                statuses[status]++;
            }
            if (status < 200 || status > 299) {
                failed("status " + status, "status " + status);
            }
        }

        /** Bytes this lane's thread wrote to the network. */
        void sent(long bytes) {
            sent.lazySet(sent.get() + bytes);
        }

        /** Bytes this lane's thread read from the network. */
        void received(long bytes) {
            received.lazySet(received.get() + bytes);
        }

        /** Requests skipped because a stall made them late ({@code --no-catchup}). */
        void dropped(long requests) {
            dropped.add(requests);
        }

        /**
         * A request that failed.
         *
         * @param kind   what the summary counts it as: refused, reset, timeout, closed, ...
         * @param detail the first one's message, for the summary
         */
        void failed(String kind, String detail) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
            firstError.compareAndSet(null, detail);
        }
    }

    /**
     * Merges what the lanes recorded since the last call into the totals.
     *
     * @return the latencies of just that interval, from the due time (for the progress line)
     */
    Histogram collect() {
        Histogram interval = new Histogram(3);
        for (Lane lane : lanes) {
            Histogram due = lane.fromDue.getIntervalHistogram();
            interval.add(due);
            if (lane.fromSent != null) {
                service.add(lane.fromSent.getIntervalHistogram());
            }
            path.add(lane.onThePath.getIntervalHistogram());
        }
        latency.add(interval);
        return interval;
    }

    /** Latency of every answer, in microseconds, from when each request was due. */
    Histogram latency() {
        return latency;
    }

    /** Latency from when each request was sent; only for an open loop, where it differs. */
    Histogram service() {
        return service;
    }

    /**
     * Latency from sending, less the server's own time on each request (Server-Timing): the
     * network and whatever sits between. Empty when no answer gave the server's time.
     */
    Histogram path() {
        return path;
    }

    boolean open() {
        return open;
    }

    /** Bytes seen by a socket on whatever thread (OkHttp's), rather than by a lane. */
    void traffic(long sentBytes, long receivedBytes) {
        sentElsewhere.add(sentBytes);
        receivedElsewhere.add(receivedBytes);
    }

    long bytesSent() {
        return sentElsewhere.sum() + lanes.stream().mapToLong(l -> l.sent.get()).sum();
    }

    long bytesReceived() {
        return receivedElsewhere.sum()
                + lanes.stream().mapToLong(l -> l.received.get()).sum();
    }

    long dropped() {
        return dropped.sum();
    }

    /** Answers by status code, lowest first; only once the load's threads are done. */
    Map<String, Long> statusCodes() {
        Map<String, Long> byStatus = new TreeMap<>();
        for (Lane lane : lanes) {
            for (int status = 0; status < lane.statuses.length; status++) {
                if (lane.statuses[status] > 0) {
                    byStatus.merge(Integer.toString(status), lane.statuses[status], Long::sum);
                }
            }
        }
        return byStatus;
    }

    /** Requests made so far: answered, or failed without an answer (a bad status is both). */
    long made() {
        long badStatus = errors.entrySet().stream()
                .filter(e -> e.getKey().startsWith("status "))
                .mapToLong(e -> e.getValue().sum())
                .sum();
        return latency.getTotalCount() + errorCount() - badStatus;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Failures by kind, sorted by name. */
    Map<String, Long> errorsByKind() {
        Map<String, Long> byKind = new TreeMap<>();
        errors.forEach((kind, n) -> byKind.put(kind, n.sum()));
        return byKind;
    }

    String firstError() {
        return firstError.get();
    }
}
