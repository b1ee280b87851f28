package dev.duet.server;

import dev.duet.common.Cli;
import dev.duet.common.CommandLine;
import dev.duet.common.Settings;
import dev.duet.common.ShutdownSignal;
import dev.duet.common.UsageException;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.stream.StreamEchoServer;
import dev.duet.server.stream.StreamServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code duet-server [http|tcp|unix] [options]}: picks the transport, runs it until SIGTERM or SIGINT. */
public final class Main {
    static final String USAGE = """
            Usage: duet-server [http] [options]     answer every HTTP request with its request target
                   duet-server tcp [options]        echo every byte back over TCP
                   duet-server unix [options]       echo every byte back over a Unix-domain socket

            http: the body is the path and query exactly as sent; with "Accept: application/json"
            it describes the whole request instead.

            Options for http and tcp:
              --host HOST              address to listen on (env DUET_HOST, default 0.0.0.0)
              --port PORT              port to listen on, 0 picks a free one (env DUET_PORT, default 8888)
            Options for http:
              --shutdown-timeout TIME  how long in-flight requests may finish after SIGTERM
                                       (env DUET_SHUTDOWN_TIMEOUT, default 10s)
              --idle-timeout TIME      close a connection silent this long, even mid-request
                                       (env DUET_IDLE_TIMEOUT, default 30s)
              --max-header-size SIZE   request line and headers: longer target 414, more headers 431
                                       (env DUET_MAX_HEADER_SIZE, default 8KiB)
              --max-body SIZE          a larger body gets 413 (env DUET_MAX_BODY, default 10MiB)
            Options for unix:
              --path PATH              socket file (env DUET_SOCKET, default <temp dir>/duet.sock)
              --mode MODE              socket file permissions, octal (env DUET_SOCKET_MODE, default 600)
            Options for all:
              --max-connections N      at most N connections at once (env DUET_MAX_CONNECTIONS, default 10000);
                                       http leaves the rest waiting to be accepted, tcp and unix close them
              --quiet                  no line per request or message (env DUET_QUIET=true)
              --help                   print this help and exit
              --version                print the version and exit

            TIME is a number with a unit: 250ms, 3s, 2m, 1h. SIZE is bytes, or with KiB, MiB, GiB.
            """;

    private static final Set<String> TRANSPORTS = Set.of("http", "tcp", "unix");

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return Cli.run("duet-server", USAGE, args, out, err, () -> {
            String transport = "http";
            List<String> rest = args;
            if (!args.isEmpty() && !args.get(0).startsWith("-")) {
                transport = args.get(0);
                rest = args.subList(1, args.size());
                if (!TRANSPORTS.contains(transport)) {
                    throw new UsageException("unknown transport \"" + transport + "\" (expected http, tcp or unix)");
                }
            }
            Settings settings = new Settings(parse(transport, rest), env);
            return switch (transport) {
                case "tcp" -> serveStream(StreamServerConfig.tcp(settings));
                case "unix" -> serveStream(StreamServerConfig.unix(settings));
                default -> serveHttp(HttpServerConfig.from(settings));
            };
        });
    }

    private static CommandLine parse(String transport, List<String> args) {
        Set<String> valueFlags = switch (transport) {
            case "tcp" -> Set.of("--host", "--port", "--max-connections");
            case "unix" -> Set.of("--path", "--mode", "--max-connections");
            default ->
                Set.of(
                        "--host",
                        "--port",
                        "--shutdown-timeout",
                        "--idle-timeout",
                        "--max-header-size",
                        "--max-body",
                        "--max-connections");
        };
        return CommandLine.parse(args, valueFlags, Set.of("--quiet")).withoutPositionals();
    }

    /** A started server, as the lifecycle in {@link #serve} needs it. */
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

    private static int serveHttp(HttpServerConfig config) throws Exception {
        return serve("http", config.host() + ":" + config.port(), () -> {
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

    private static int serveStream(StreamServerConfig config) throws Exception {
        String kind = config.isUnix() ? "unix" : "tcp";
        String target = config.isUnix() ? config.address().toString() : hostPort(config, -1);
        return serve(kind, target, () -> {
            StreamEchoServer server = StreamEchoServer.start(config);
            String where = config.isUnix() ? server.address().toString() : hostPort(config, server.port());
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

    /**
     * Every transport's life: start, say where it listens, wait for SIGTERM or SIGINT, stop, exit 0.
     * A start that fails is one line naming {@code target}; a {@link Cli.Failure} keeps its own words.
     */
    private static int serve(String kind, String target, Starter starter) throws Exception {
        Logging.configure();
        Logger log = LoggerFactory.getLogger("duet-server");
        ShutdownSignal signal = ShutdownSignal.install();
        Running server;
        try {
            server = starter.start();
        } catch (Cli.Failure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Cli.Failure(1, "cannot listen on " + target + ": " + rootMessage(e));
        }
        log.info("{} listening on {}", kind, server.where());
        IdleMemory.returnWhenQuiet();
        log.info("{} received: {}", signal.await(), server.stopping());
        server.close();
        log.info("stopped");
        return 0;
    }

    private static String hostPort(StreamServerConfig config, int boundPort) {
        java.net.InetSocketAddress inet = (java.net.InetSocketAddress) config.address();
        return inet.getHostString() + ":" + (boundPort >= 0 ? boundPort : inet.getPort());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
