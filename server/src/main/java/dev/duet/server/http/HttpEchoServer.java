package dev.duet.server.http;

import dev.duet.server.Instance;
import dev.duet.server.grpc.GrpcEcho;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import dev.duet.server.tls.ServerTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.slf4j.LoggerFactory;

/**
 * The HTTP echo, the data plane: a bare Jetty server whose one handler answers every request with
 * its request target. No framework sits in front of it; Javalin serves the control plane on a port
 * of its own ({@code dev.duet.server.admin}). {@link #close()} stops accepting, lets in-flight
 * requests finish (up to the shutdown timeout), then returns.
 */
public final class HttpEchoServer implements AutoCloseable {
    /**
     * Jetty's pool, sized for work that never blocks. Jetty's default of 200 is sized for servlets
     * that do: a TLS handshake is CPU-bound work run on a pool thread, and a flood of 500 at once
     * grew the pool to its 200 threads (and 166 MiB) while the cores could only do two at a time.
     * Past these, work waits its turn in the queue (bench/tls-flood.sh).
     */
    static final int MAX_THREADS = 64;

    private final Server jetty;
    private final ServerConnector connector;
    private final GrpcEcho grpc;
    private final DefaultControls defaults;
    private final EchoHandler echo;

    private HttpEchoServer(
            Server jetty, ServerConnector connector, GrpcEcho grpc, DefaultControls defaults, EchoHandler echo) {
        this.jetty = jetty;
        this.connector = connector;
        this.grpc = grpc;
        this.defaults = defaults;
        this.echo = echo;
    }

    /** Starts listening, counting nothing: for tests and embedders. */
    public static HttpEchoServer start(HttpServerConfig config) {
        return start(config, Instance.plain());
    }

    /**
     * Starts listening, reporting to {@code instance}'s metrics and inspector; a port it cannot
     * take is an {@link UncheckedIOException} saying why.
     */
    public static HttpEchoServer start(HttpServerConfig config, Instance instance) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("duet-http");
        Server server = new Server(threads);
        ServerConnector connector;
        try {
            connector = connector(server, config, instance);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: " + e.getMessage()); // the cause adds nothing a user needs
        }
        server.addConnector(connector);
        server.setStopTimeout(config.shutdownTimeout().toMillis());
        server.addBean(new IdleConnectionsClose(server));
        // past the limit Jetty stops accepting; new connections wait in the listen queue
        server.addBean(new NetworkConnectionLimit(config.maxConnections(), server));
        server.setErrorHandler(new PlainTextErrorHandler());
        List<RequestLog> logs = new ArrayList<>();
        if (instance.metrics() != Metrics.OFF) {
            HttpMetrics metrics = new HttpMetrics(instance.metrics());
            connector.addEventListener(metrics);
            logs.add(metrics);
        }
        AccessLog log = null;
        if (config.accessLog() || instance.activity() != Activity.NONE) {
            log = new AccessLog(
                    config.accessLog() ? Optional.of(System.out) : Optional.empty(), instance, config.logDetail());
            server.addBean(log); // started and stopped (drained) with the server
            logs.add(log);
        }
        DefaultControls defaults = new DefaultControls(
                config.defaultControls(),
                config.seed(),
                new ControlPlan.Limits(config.maxDelay(), config.maxBodyBytes()));
        EchoHandler echo = new EchoHandler(
                instance.identity(),
                config,
                defaults,
                instance.metrics()
                        .controls(Arrays.stream(ControlPlan.Control.values())
                                .map(ControlPlan.Control::word)
                                .toList()));
        Handler answers = echo;
        if (config.encodings().on()) {
            answers = config.encodings().handler(answers);
        }
        if (config.cors().on()) {
            answers = config.cors().handler(answers); // after WebSocket upgrades, which CORS does not govern
        }
        WebSocketUpgrades webSockets = new WebSocketUpgrades(
                answers,
                WebSocketServerComponents.ensureWebSocketComponents(server), // Jetty's pools, not new ones
                config.maxMessageBytes(),
                config.idleTimeout(),
                instance.metrics(),
                log);
        GrpcEcho grpc = new GrpcEcho(
                webSockets, instance.identity(), config.maxBodyBytes(), config.controls(), config.maxDelay());
        server.setHandler(new GracefulHandler(grpc));
        if (!logs.isEmpty()) {
            server.setRequestLog(
                    logs.size() == 1 ? logs.get(0) : new RequestLog.Collection(logs.toArray(RequestLog[]::new)));
        }
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw e instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(e);
        }
        return new HttpEchoServer(server, (ServerConnector) server.getConnectors()[0], grpc, defaults, echo);
    }

    private static ServerConnector connector(Server server, HttpServerConfig config, Instance instance)
            throws IOException, GeneralSecurityException {
        HttpConfiguration http = new HttpConfiguration();
        // The target is echoed, never resolved against files, so odd-looking paths
        // ("/a/../b", "//x", "%2F") are answered as sent instead of refused.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        // the request line and headers share this buffer: a longer target is 414, more headers 431
        http.setRequestHeaderSize(config.maxHeaderBytes());
        // answers start in Jetty's 8 KiB head buffer and move to one this large only when they
        // need it: X-Duet-Header-Size's padding
        http.setMaxResponseHeaderSize(ResponseControls.MAX_ANSWER_HEAD);
        // An absolute-form target ("GET http://a/b") names its own authority; as an echo we
        // answer it whatever the Host header says.
        http.setHttpCompliance(HttpCompliance.from("RFC9110,MISMATCHED_AUTHORITY"));
        // Jetty matches common headers against a cache ignoring case, and would hand over the
        // cached value ("Connection: Keep-Alive" became "keep-alive"): values stay as sent
        http.setHeaderCacheCaseSensitive(true);
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        ServerConnector connector;
        if (config.tls().enabled()) {
            // one certificate for every name the server answers to: a Host it does not list is no reason to refuse
            http.addCustomizer(new SecureRequestCustomizer(false));
            H2ConnectionFactory h2 = new H2ConnectionFactory(HeaderListLimit.forHttp2(http));
            // ALPN names are matched exactly, and HTTP/1.1's is lower case: "HTTP/1.1" (the factory's
            // own name) matched no client offering http/1.1 alone, and curl --http1.1 was refused
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(h2.getProtocol(), "http/1.1");
            alpn.setDefaultProtocol(http1.getProtocol()); // a client that offers no ALPN speaks HTTP/1.1
            SslConnectionFactory tls = new SslConnectionFactory(
                    ServerTls.load(config.tls(), instance.identity()).jetty(), alpn.getProtocol());
            connector = new ServerConnector(server, tls, alpn, h2, http1);
            connector.addBean(new FailedHandshakes());
        } else {
            // h2c after HTTP/1.1: by "Upgrade: h2c", or by prior knowledge (the HTTP/2 preface)
            connector = new ServerConnector(server, http1, new H2cConnectionFactory(HeaderListLimit.forHttp2(http)));
        }
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        // After SIGTERM Jetty cuts every connection's idle timeout to this (1 s by default),
        // which failed uploads still arriving with 408s: in-flight work gets the whole
        // shutdown timeout, as promised.
        connector.setShutdownIdleTimeout(config.shutdownTimeout().toMillis());
        connector.setAcceptQueueSize(config.backlog());
        return connector;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // it never started: nothing to tell beyond why
        }
    }

    /** The port actually bound: the configured one, or the one picked for port 0. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Whether gRPC's health service says SERVING: it follows readiness (/readyz). */
    public void serving(boolean ready) {
        grpc.serving(ready);
    }

    /** The controls for requests that bring none, which the control plane changes. */
    public DefaultControls defaultControls() {
        return defaults;
    }

    /** Threads of Jetty's pool running a task now: what the server's work holds, not what bursts grew. */
    public int busyThreads() {
        return ((QueuedThreadPool) jetty.getThreadPool()).getBusyThreads();
    }

    /**
     * The server is shutting down: every answer from now on carries {@code X-Duet-Draining: true}
     * and, over HTTP/1.x, {@code Connection: close}, so clients take their next request elsewhere.
     */
    public void drain() {
        echo.drain();
    }

    /**
     * Stops accepting, lets requests in flight finish for up to the shutdown timeout, then closes
     * every connection; requests still unfinished by then are cut off, and the log says so.
     */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (TimeoutException e) {
            LoggerFactory.getLogger("duet-server")
                    .warn("requests still in flight when the shutdown timeout ran out were cut off");
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server failed", e);
        }
    }
}
