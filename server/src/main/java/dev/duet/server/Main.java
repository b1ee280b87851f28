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

    private Main() {
    }

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
            default -> Set.of("--host", "--port", "--shutdown-timeout", "--idle-timeout", "--max-header-size",
                    "--max-body", "--max-connections");
        };
        CommandLine cli = CommandLine.parse(args, valueFlags, Set.of("--quiet"));
        if (!cli.positionals().isEmpty()) {
            throw new UsageException("unexpected argument \"" + cli.positionals().get(0) + "\"");
        }
        return cli;
    }

    private static int serveHttp(HttpServerConfig config) throws InterruptedException {
        Logging.configure();
        StartupTuning.apply();
        Logger log = LoggerFactory.getLogger("duet-server");
        ShutdownSignal signal = ShutdownSignal.install();
        HttpEchoServer server;
        try {
            server = HttpEchoServer.start(config);
        } catch (RuntimeException e) {
            throw new Cli.Failure(1, "cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e));
        }
        log.info("http listening on {}:{} (try: curl http://localhost:{}/hello)",
                config.host(), server.port(), server.port());
        String received = signal.await();
        log.info("{} received: finishing in-flight requests (up to {}ms)", received,
                config.shutdownTimeout().toMillis());
        server.close();
        log.info("stopped");
        return 0;
    }

    private static int serveStream(StreamServerConfig config) throws InterruptedException {
        Logging.configure();
        Logger log = LoggerFactory.getLogger("duet-server");
        ShutdownSignal signal = ShutdownSignal.install();
        String kind = config.isUnix() ? "unix" : "tcp";
        StreamEchoServer server;
        String where;
        try {
            server = StreamEchoServer.start(config);
            where = config.isUnix() ? server.address().toString() : hostPort(config, server.port());
        } catch (IOException e) {
            String target = config.isUnix() ? config.address().toString() : hostPort(config, -1);
            throw new Cli.Failure(1, "cannot listen on " + target + ": " + rootMessage(e));
        }
        log.info("{} listening on {}", kind, where);
        log.info("{} received: closing connections", signal.await());
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
