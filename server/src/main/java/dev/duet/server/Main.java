package dev.duet.server;

import dev.duet.common.Cli;
import dev.duet.common.CommandLine;
import dev.duet.common.Settings;
import dev.duet.common.ShutdownSignal;
import dev.duet.common.UsageException;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code duet-server [http|tcp|unix] [options]}: picks the transport, runs it until SIGTERM or SIGINT. */
public final class Main {
    static final String USAGE = """
            Usage: duet-server [http] [options]

            Answers every HTTP request with its request target: the path and query, exactly as sent.
            With "Accept: application/json" it describes the whole request instead.

            Options:
              --host HOST              address to listen on (env DUET_HOST, default 0.0.0.0)
              --port PORT              port to listen on, 0 picks a free one (env DUET_PORT, default 8888)
              --quiet                  no access-log line per request (env DUET_QUIET=true)
              --shutdown-timeout TIME  how long in-flight requests may finish after SIGTERM
                                       (env DUET_SHUTDOWN_TIMEOUT, default 10s)
              --help                   print this help and exit
              --version                print the version and exit

            TIME is a number with a unit: 250ms, 3s, 2m, 1h.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return Cli.run("duet-server", USAGE, args, out, err, () -> {
            List<String> rest = args;
            if (!args.isEmpty() && args.get(0).equals("http")) {
                rest = args.subList(1, args.size());
            } else if (!args.isEmpty() && !args.get(0).startsWith("-")) {
                throw new UsageException("unknown transport \"" + args.get(0) + "\" (expected http)");
            }
            CommandLine cli = CommandLine.parse(rest,
                    Set.of("--host", "--port", "--shutdown-timeout"), Set.of("--quiet"));
            if (!cli.positionals().isEmpty()) {
                throw new UsageException("unexpected argument \"" + cli.positionals().get(0) + "\"");
            }
            return serveHttp(HttpServerConfig.from(new Settings(cli, env)));
        });
    }

    private static int serveHttp(HttpServerConfig config) throws InterruptedException {
        Logging.configure();
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
