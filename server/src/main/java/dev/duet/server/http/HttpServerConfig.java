package dev.duet.server.http;

import dev.duet.common.Settings;
import java.time.Duration;

/** How the HTTP echo server listens and behaves; parsed from flags, then environment, then defaults. */
public record HttpServerConfig(String host, int port, boolean accessLog, Duration shutdownTimeout, int maxBodyBytes) {

    public static final int DEFAULT_PORT = 8888;
    public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

    public static HttpServerConfig from(Settings s) {
        return new HttpServerConfig(
                s.string("--host", "DUET_HOST", "0.0.0.0"),
                s.port("--port", "DUET_PORT", DEFAULT_PORT),
                !s.flag("--quiet", "DUET_QUIET"),
                s.duration("--shutdown-timeout", "DUET_SHUTDOWN_TIMEOUT", Duration.ofSeconds(10)),
                DEFAULT_MAX_BODY_BYTES);
    }

    /** Loopback on a free port: what tests and embedders usually want. */
    public static HttpServerConfig ephemeral() {
        return new HttpServerConfig("127.0.0.1", 0, true, Duration.ofSeconds(10), DEFAULT_MAX_BODY_BYTES);
    }
}
