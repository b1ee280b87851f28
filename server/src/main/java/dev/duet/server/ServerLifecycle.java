package dev.duet.server;

import dev.duet.common.ShutdownSignal;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.stream.StreamEchoServer;
import dev.duet.server.stream.StreamServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every transport's life: start, say where it listens, wait for SIGTERM or SIGINT, stop. A start
 * that fails is a {@link StartFailure} naming where it tried to listen and why.
 */
final class ServerLifecycle {
    private final Logger log = LoggerFactory.getLogger("duet-server");

    /** A started server, as the lifecycle needs it. */
    private interface Running extends AutoCloseable {
        /** Where it listens, for the "listening on" line. */
        String where();

        /** What stopping does, for the line logged when the signal arrives. */
        String stopping();

        @Override
        void close() throws Exception;
    }

    @FunctionalInterface
    private interface Starter {
        Running start() throws IOException;
    }

    void serve(HttpServerConfig config) throws Exception {
        serve("http", config.host() + ":" + config.port(), () -> {
            StartupTuning.apply();
            HttpEchoServer server = HttpEchoServer.start(config);
            return new Running() {
                @Override
                public String where() {
                    return config.host() + ":" + server.port() + " (try: curl http://localhost:" + server.port()
                            + "/hello)";
                }

                @Override
                public String stopping() {
                    return "finishing in-flight requests (up to "
                            + config.shutdownTimeout().toMillis() + "ms)";
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        });
    }

    void serve(StreamServerConfig config) throws Exception {
        String kind = config.isUnix() ? "unix" : "tcp";
        serve(kind, where(config, -1), () -> {
            StreamEchoServer server = StreamEchoServer.start(config);
            String where = config.isUnix() ? where(config, -1) : where(config, server.port());
            return new Running() {
                @Override
                public String where() {
                    return where;
                }

                @Override
                public String stopping() {
                    return "closing connections";
                }

                @Override
                public void close() throws InterruptedException {
                    server.close();
                }
            };
        });
    }

    private void serve(String kind, String target, Starter starter) throws Exception {
        ShutdownSignal signal = ShutdownSignal.install();
        Running server;
        try {
            server = starter.start();
        } catch (IOException | RuntimeException e) {
            throw new StartFailure("cannot listen on " + target + ": " + rootMessage(e));
        }
        log.info("{} listening on {}", kind, server.where());
        IdleMemory.returnWhenQuiet();
        log.info("{} received: {}", signal.await(), server.stopping());
        server.close();
        log.info("stopped");
    }

    /** A Unix socket's path, or HOST:PORT with the port actually bound (or configured, before binding). */
    private static String where(StreamServerConfig config, int boundPort) {
        if (!(config.address() instanceof InetSocketAddress inet)) {
            return config.address().toString();
        }
        return inet.getHostString() + ":" + (boundPort >= 0 ? boundPort : inet.getPort());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnresolvedAddressException) {
            return "the host name does not resolve to an address";
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
