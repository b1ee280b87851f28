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
     * @param detail its headers and body as the log keeps them, or null when it keeps neither
     */
    record Request(
            long epochMillis,
            String method,
            String target,
            int status,
            String caller,
            long micros,
            long bytes,
            Detail detail) {}

    /**
     * What {@code --log-headers} and {@code --log-body} keep of a request, redacted as the log shows it.
     *
     * @param headers each header as [name, value], in the order received; null when not kept
     * @param body    null when not kept, or when the request had none
     */
    record Detail(java.util.List<java.util.List<String>> headers, Body body) {}

    /**
     * A request body as the log shows it.
     *
     * @param bytes     its whole length
     * @param sha256    of the whole body, lower-case hex
     * @param text      its first bytes as text, escaped (bytes that are not UTF-8 as {@code \xNN})
     * @param truncated true when {@code text} is only the start of it
     */
    record Body(long bytes, String sha256, String text, boolean truncated) {}

    /**
     * A stream connection that opened, or closed having moved {@code bytes} each way.
     *
     * @param transport tcp or unix
     */
    record Connection(long epochMillis, String transport, long id, String peer, boolean open, long bytes) {}
}
