package dev.duet.client;

import dev.duet.client.bench.BenchCommand;
import dev.duet.client.bench.BenchConfig;
import dev.duet.client.fork.ForkCommand;
import dev.duet.client.fork.ForkConfig;
import dev.duet.client.http.GetCommand;
import dev.duet.client.http.GetConfig;
import dev.duet.client.http.SelfTest;
import dev.duet.client.stream.StreamClient;
import dev.duet.client.stream.StreamClientConfig;
import dev.duet.common.Cli;
import dev.duet.common.CommandLine;
import dev.duet.common.Settings;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code duet-client [get|tcp|unix|fork] ...}: picks the channel and runs it. */
public final class Main {
    static final String USAGE = """
            Usage: duet-client [get] URL [options]       GET URL, print "statusCode: <code>" and the body
                   duet-client tcp [HOST:PORT] [options]  send a message over TCP, print its echo
                   duet-client unix [PATH] [options]      the same over a Unix-domain socket
                   duet-client fork [options]             start a child process and talk to it
                   duet-client bench [tcp|unix] TARGET    load a server: rate and latency percentiles
                   duet-client bench fork                 round trips with a child JVM
                   duet-client self-test                  GET from a throwaway local responder: is this client working?

            URL may leave out "http://": duet-client localhost:8888/hello
            tcp defaults to localhost:8888; unix to <temp dir>/duet.sock (env DUET_SOCKET).

            Options for get:
              --interval TIME    repeat every TIME, like setInterval (env DUET_INTERVAL; default: once)
              --count N          stop after N requests (env DUET_COUNT; with --interval, default: until interrupted)
              --timeout TIME     limit on connecting and on each read (env DUET_TIMEOUT, default 10s)
              --retry-for TIME   keep retrying while the server cannot be reached, with backoff,
                                 for up to TIME (env DUET_RETRY_FOR, default 0s: no retry)
              --json             one JSON object per request: status, body, timings of each phase
            Options for tcp and unix:
              --message TEXT     what to send (env DUET_MESSAGE, default hello)
              --interval TIME    time between messages (env DUET_INTERVAL, default 3s)
              --count N          stop after N messages (env DUET_COUNT, default: until interrupted)
              --timeout TIME     limit on connecting and on each echo (env DUET_TIMEOUT, default 10s)
            Options for fork:
              --interval TIME    how often the child says hello (env DUET_INTERVAL, default 3s)
              --count N          stop after N messages from the child (env DUET_COUNT, default: until interrupted)
            Options for bench (TARGET is a URL, or HOST:PORT after tcp, or PATH after unix):
              --concurrency N    connections (fork: children), each sending as fast as it is answered
                                 (env DUET_CONCURRENCY, default 50; fork: 1)
              --duration TIME    how long (env DUET_DURATION, default 10s)
              --message TEXT     tcp, unix, fork: what each round trip sends (default hello; fork: hi)
            Options for all:
              --help             print this help and exit
              --version          print the version and exit

            TIME is a number with a unit: 250ms, 3s, 2m, 1h.
            Exit codes, as curl's: 0 success, 1 fork child died or bench requests failed, 2 bad usage, 3 malformed URL,
            6 unknown host, 7 cannot connect, 22 HTTP status 400 or more, 28 timeout,
            52 empty reply, 56 connection lost or echo incomplete.
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return Cli.run("duet-client", USAGE, args, out, err, () -> {
            String command = args.isEmpty() ? "get" : args.get(0);
            List<String> rest = args.subList(Math.min(1, args.size()), args.size());
            switch (command) {
                case "tcp", "unix" -> {
                    CommandLine cli = CommandLine.parse(
                            rest, Set.of("--message", "--interval", "--count", "--timeout"), Set.of());
                    Settings settings = new Settings(cli, env);
                    StreamClientConfig config = command.equals("tcp")
                            ? StreamClientConfig.tcp(cli.positionals(), settings)
                            : StreamClientConfig.unix(cli.positionals(), settings);
                    return new StreamClient(config, out).run();
                }
                case "bench" -> {
                    CommandLine cli = CommandLine.parse(
                            rest, Set.of("--concurrency", "--duration", "--timeout", "--message"), Set.of());
                    BenchConfig config = BenchConfig.from(cli.positionals(), new Settings(cli, env));
                    return new BenchCommand(config, out, err, System.console() != null).run();
                }
                case "self-test" -> {
                    CommandLine.parse(rest, Set.of(), Set.of()).withoutPositionals();
                    return SelfTest.run(out, err);
                }
                case "fork" -> {
                    CommandLine cli = CommandLine.parse(rest, Set.of("--interval", "--count"), Set.of())
                            .withoutPositionals();
                    return new ForkCommand(ForkConfig.from(new Settings(cli, env)), out, err).run();
                }
                default -> {
                    List<String> getArgs = command.equals("get") ? rest : args;
                    CommandLine cli = CommandLine.parse(
                            getArgs, Set.of("--interval", "--count", "--timeout", "--retry-for"), Set.of("--json"));
                    GetConfig config = GetConfig.from(cli.positionals(), new Settings(cli, env));
                    return new GetCommand(config, out, err).run();
                }
            }
        });
    }
}
