package dev.duet.client.stream;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A connection the stream client exchanges its messages over: TCP or a Unix socket ({@link
 * TimedChannel}), or TLS over TCP ({@link TimedTlsSocket}). Every call gives up after the timeout.
 */
interface EchoStream extends AutoCloseable {
    void writeFully(ByteBuffer bytes) throws IOException;

    /** Reads until {@code into} is full; returns false if the peer closed first. */
    boolean readFully(ByteBuffer into) throws IOException;

    /** Tells the peer we are done sending, then waits for it to close; true if it sent nothing more. */
    boolean finish() throws IOException;

    @Override
    void close() throws IOException;
}
