package dev.duet.server.http;

import dev.duet.common.Ports;
import dev.duet.common.Settings;
import java.time.Duration;

/**
 * How the HTTP echo server listens, what it accepts, and how it stops; parsed from flags, then
 * environment, then defaults.
 *
 * @param maxHeaderBytes request line and headers together: a longer target gets 414, more headers 431
 * @param maxBodyBytes   a body over this gets 413
 * @param maxConnections connections beyond this wait in the listen queue until others close
 * @param idleTimeout    a connection silent this long is closed, mid-request or not
 */
public record HttpServerConfig(
        String host,
        int port,
        boolean accessLog,
        Duration shutdownTimeout,
        int maxBodyBytes,
        int maxHeaderBytes,
        int maxConnections,
        Duration idleTimeout) {

    public static final int DEFAULT_PORT = Ports.DEFAULT;
    public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public static HttpServerConfig from(Settings s) {
        return new HttpServerConfig(
                s.string("--host", "DUET_HOST", "0.0.0.0"),
                s.port("--port", "DUET_PORT", DEFAULT_PORT),
                !s.flag("--quiet", "DUET_QUIET"),
                s.duration("--shutdown-timeout", "DUET_SHUTDOWN_TIMEOUT", Duration.ofSeconds(10)),
                (int) s.bytes("--max-body", "DUET_MAX_BODY", DEFAULT_MAX_BODY_BYTES, 0, Integer.MAX_VALUE - 8),
                (int) s.bytes("--max-header-size", "DUET_MAX_HEADER_SIZE", DEFAULT_MAX_HEADER_BYTES, 1024, 1 << 20),
                s.integer("--max-connections", "DUET_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS, 1, 1_000_000),
                s.duration("--idle-timeout", "DUET_IDLE_TIMEOUT", DEFAULT_IDLE_TIMEOUT));
    }

    /** Loopback on a free port with every default: what tests and embedders usually want. */
    public static HttpServerConfig ephemeral() {
        return new HttpServerConfig(
                "127.0.0.1",
                0,
                true,
                Duration.ofSeconds(10),
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_HEADER_BYTES,
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_IDLE_TIMEOUT);
    }

    public HttpServerConfig withPort(int newPort) {
        return new HttpServerConfig(
                host, newPort, accessLog, shutdownTimeout, maxBodyBytes, maxHeaderBytes, maxConnections, idleTimeout);
    }

    public HttpServerConfig withMaxBodyBytes(int bytes) {
        return new HttpServerConfig(
                host, port, accessLog, shutdownTimeout, bytes, maxHeaderBytes, maxConnections, idleTimeout);
    }

    public HttpServerConfig withLimits(int headerBytes, int connections, Duration idle) {
        return new HttpServerConfig(
                host, port, accessLog, shutdownTimeout, maxBodyBytes, headerBytes, connections, idle);
    }
}
