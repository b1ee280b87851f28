package dev.duet.server.http;

import static dev.duet.server.ServerOptions.BACKLOG;
import static dev.duet.server.ServerOptions.COMPRESSION;
import static dev.duet.server.ServerOptions.COMPRESSION_MIN;
import static dev.duet.server.ServerOptions.CONTROLS;
import static dev.duet.server.ServerOptions.CORS;
import static dev.duet.server.ServerOptions.DEFAULT_CONTROLS;
import static dev.duet.server.ServerOptions.HOST;
import static dev.duet.server.ServerOptions.IDLE_TIMEOUT;
import static dev.duet.server.ServerOptions.LOG_BODY;
import static dev.duet.server.ServerOptions.LOG_HEADERS;
import static dev.duet.server.ServerOptions.LOG_REDACT;
import static dev.duet.server.ServerOptions.MAX_BODY;
import static dev.duet.server.ServerOptions.MAX_CONNECTIONS;
import static dev.duet.server.ServerOptions.MAX_DELAY;
import static dev.duet.server.ServerOptions.MAX_HEADER_SIZE;
import static dev.duet.server.ServerOptions.MAX_MESSAGE;
import static dev.duet.server.ServerOptions.PORT;
import static dev.duet.server.ServerOptions.QUIET;
import static dev.duet.server.ServerOptions.SEED;
import static dev.duet.server.ServerOptions.SHUTDOWN_TIMEOUT;

import dev.duet.common.Arguments;
import dev.duet.common.UsageException;
import dev.duet.server.EchoConfig;
import dev.duet.server.ServerOptions;
import dev.duet.server.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the HTTP echo server listens, what it accepts, and how it stops: the values of the options
 * in {@link ServerOptions#HTTP}.
 *
 * @param maxHeaderBytes request line and headers together: a longer target gets 414, more headers 431
 * @param maxBodyBytes   a body over this gets 413
 * @param maxConnections connections beyond this wait in the listen queue until others close
 * @param backlog        how many connections the kernel queues before they are accepted
 * @param idleTimeout    a connection silent this long is closed, mid-request or not
 * @param tls            TLS on the echo port, or {@link TlsConfig#OFF}
 * @param controls       whether X-Duet-* request headers shape the answer
 * @param maxDelay       the longest X-Duet-Delay obeyed
 * @param maxMessageBytes a WebSocket message over this closes the socket with 1009
 * @param logDetail      what the access log keeps of each request beyond its line
 * @param defaultControls the controls for requests that bring none, as --default-controls wrote them
 * @param seed           of weighted control choices; empty for one picked at start
 * @param encodings      the codings answers are compressed in and bodies decoded from
 * @param cors           the origins whose pages may call the echo
 */
public record HttpServerConfig(
        String host,
        int port,
        boolean accessLog,
        Duration shutdownTimeout,
        int maxBodyBytes,
        int maxHeaderBytes,
        int maxConnections,
        int backlog,
        Duration idleTimeout,
        TlsConfig tls,
        boolean controls,
        Duration maxDelay,
        int maxMessageBytes,
        LogDetail logDetail,
        Optional<String> defaultControls,
        Optional<Long> seed,
        Encodings encodings,
        Cors cors)
        implements EchoConfig {

    public HttpServerConfig {
        ControlPlan.Limits limits = new ControlPlan.Limits(maxDelay, maxBodyBytes);
        defaultControls.ifPresent(text -> {
            try {
                ControlPlan.ofText(text, limits);
            } catch (IllegalArgumentException e) {
                throw new UsageException(DEFAULT_CONTROLS.flag() + ": " + e.getMessage());
            }
        });
    }

    public static HttpServerConfig from(Arguments a) {
        return new HttpServerConfig(
                a.get(HOST),
                a.get(PORT),
                !a.get(QUIET),
                a.get(SHUTDOWN_TIMEOUT),
                Math.toIntExact(a.get(MAX_BODY)),
                Math.toIntExact(a.get(MAX_HEADER_SIZE)),
                a.get(MAX_CONNECTIONS),
                a.get(BACKLOG),
                a.get(IDLE_TIMEOUT),
                TlsConfig.from(a),
                a.get(CONTROLS),
                a.get(MAX_DELAY),
                Math.toIntExact(a.get(MAX_MESSAGE)),
                new LogDetail(
                        a.get(LOG_HEADERS),
                        a.get(LOG_BODY).map(Math::toIntExact).orElse(0),
                        a.get(LOG_REDACT)),
                a.get(DEFAULT_CONTROLS),
                a.get(SEED),
                new Encodings(a.get(COMPRESSION), Math.toIntExact(a.get(COMPRESSION_MIN))),
                a.get(CORS));
    }

    /** The configuration these command-line words give, with no environment: for tests and embedders. */
    public static HttpServerConfig of(String... words) {
        return from(Arguments.parse(ServerOptions.HTTP, List.of(words), Map.of()));
    }

    /** Loopback on a free port, every other option at its default. */
    public static HttpServerConfig ephemeral(String... moreWords) {
        List<String> words = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0"));
        words.addAll(List.of(moreWords));
        return of(words.toArray(String[]::new));
    }

    @Override
    public Optional<InetSocketAddress> tcpAddress() {
        return Optional.of(InetSocketAddress.createUnresolved(host, port));
    }

    @Override
    public String where() {
        return host + ":" + port;
    }
}
