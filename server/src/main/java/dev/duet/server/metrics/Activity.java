package dev.duet.server.metrics;

/**
 * What the echo servers tell the inspector as it happens: requests answered, stream connections
 * opened and closed. Called off the echo path (the access log's writer thread) or, for streams,
 * by the echo loop with nothing that may block; a listener drops what it cannot keep up with.
 */
public interface Activity {
    /** Nobody watches: the echo's cost when the control plane is off. */
    Activity NONE = new Activity() {
        @Override
        public void request(Request request) {}

        @Override
        public void connection(Connection connection) {}
    };

    void request(Request request);

    void connection(Connection connection);

    /**
     * One HTTP request answered.
     *
     * @param caller the client's address and port
     * @param micros the time from its first byte to the end of its answer
     * @param bytes  the answer's body
     */
    record Request(
            long epochMillis, String method, String target, int status, String caller, long micros, long bytes) {}

    /**
     * A stream connection that opened, or closed having moved {@code bytes} each way.
     *
     * @param transport tcp or unix
     */
    record Connection(long epochMillis, String transport, long id, String peer, boolean open, long bytes) {}
}
