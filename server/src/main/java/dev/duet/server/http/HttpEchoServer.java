package dev.duet.server.http;

import io.javalin.Javalin;
import io.javalin.util.JavalinException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport: a Javalin server whose Jetty answers every request with its request target.
 * {@link #close()} stops accepting, lets in-flight requests finish (up to the shutdown timeout),
 * then returns.
 */
public final class HttpEchoServer implements AutoCloseable {
    private final Javalin app;
    private final Server jetty;

    private HttpEchoServer(Javalin app, Server jetty) {
        this.app = app;
        this.jetty = jetty;
    }

    public static HttpEchoServer start(HttpServerConfig config) {
        ServerIdentity identity = ServerIdentity.ofThisHost();
        Server[] jetty = new Server[1];
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.startup.startupWatcherEnabled = false;
            javalin.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(config.host());
                connector.setPort(config.port());
                connector.setIdleTimeout(config.idleTimeout().toMillis());
                // After SIGTERM Jetty cuts every connection's idle timeout to this (1 s by default),
                // which failed uploads still arriving with 408s: in-flight work gets the whole
                // shutdown timeout, as promised.
                connector.setShutdownIdleTimeout(config.shutdownTimeout().toMillis());
                connector.setAcceptQueueSize(config.backlog());
                return connector;
            });
            javalin.jetty.modifyHttpConfiguration(http -> {
                // The target is echoed, never resolved against files, so odd-looking paths
                // ("/a/../b", "//x", "%2F") are answered as sent instead of refused.
                http.setUriCompliance(UriCompliance.UNSAFE);
                http.setSendServerVersion(false);
                // the request line and headers share this buffer: a longer target is 414, more headers 431
                http.setRequestHeaderSize(config.maxHeaderBytes());
                // An absolute-form target ("GET http://a/b") names its own authority; as an echo we
                // answer it whatever the Host header says.
                http.setHttpCompliance(HttpCompliance.from("RFC9110,MISMATCHED_AUTHORITY"));
            });
            javalin.jetty.modifyServer(server -> {
                jetty[0] = server;
                server.setStopTimeout(config.shutdownTimeout().toMillis());
                server.addBean(new IdleConnectionsClose(server));
                // past the limit Jetty stops accepting; new connections wait in the listen queue
                server.addBean(new NetworkConnectionLimit(config.maxConnections(), server));
                server.setErrorHandler(new PlainTextErrorHandler());
                server.setHandler(new GracefulHandler(new EchoHandler(identity, config.maxBodyBytes())));
                if (config.accessLog()) {
                    AccessLog log = new AccessLog(System.out);
                    server.setRequestLog(log);
                    server.addBean(log); // started and stopped (drained) with the server
                }
            });
        });
        app.start();
        return new HttpEchoServer(app, jetty[0]);
    }

    /** The port actually bound: the configured one, or the one picked for port 0. */
    public int port() {
        return app.port();
    }

    /** Threads of Jetty's pool running a task now: what the server's work holds, not what bursts grew. */
    public int busyThreads() {
        return ((QueuedThreadPool) jetty.getThreadPool()).getBusyThreads();
    }

    /**
     * Stops accepting, lets requests in flight finish for up to the shutdown timeout, then closes
     * every connection; requests still unfinished by then are cut off, and the log says so.
     */
    @Override
    public void close() {
        try {
            app.stop();
        } catch (JavalinException e) {
            if (!(e.getCause() instanceof TimeoutException)) {
                throw e;
            }
            LoggerFactory.getLogger("duet-server")
                    .warn("requests still in flight when the shutdown timeout ran out were cut off");
        }
    }
}
