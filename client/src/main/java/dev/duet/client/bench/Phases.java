package dev.duet.client.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The times of what only a new connection does: its TCP connect, its TLS handshake, and the wait
 * from starting its first request (connect and handshake included) to the first byte of the
 * answer. Recorded from any thread; a keep-alive load records one of each per connection, a load
 * of {@code Connection: close} requests one per request.
 */
final class Phases {
    private final Recorder connect = new Recorder(3);
    private final Recorder tls = new Recorder(3);
    private final Recorder firstByte = new Recorder(3);

    void connected(long nanos) {
        connect.recordValue(Math.max(0, nanos) / 1_000);
    }

    void handshaken(long nanos) {
        tls.recordValue(Math.max(0, nanos) / 1_000);
    }

    void firstByte(long nanos) {
        firstByte.recordValue(Math.max(0, nanos) / 1_000);
    }

    /** What was recorded, in microseconds, once the load is over. */
    Recorded recorded() {
        return new Recorded(
                connect.getIntervalHistogram(), tls.getIntervalHistogram(), firstByte.getIntervalHistogram());
    }

    record Recorded(Histogram connect, Histogram tls, Histogram firstByte) {}
}
