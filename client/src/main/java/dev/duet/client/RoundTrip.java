package dev.duet.client;

import java.io.IOException;

/** One exchange, sent and answered, over a connection or channel kept open between calls: a bench worker's unit. */
public interface RoundTrip extends AutoCloseable {
    void once() throws IOException;

    /** Releases the connection or channel; nothing to release by default. */
    @Override
    default void close() throws IOException {}
}
