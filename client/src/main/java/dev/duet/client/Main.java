package dev.duet.client;

import dev.duet.client.http.GetCommand;
import dev.duet.client.http.GetConfig;
import dev.duet.common.Cli;
import dev.duet.common.CommandLine;
import dev.duet.common.Settings;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code duet-client [get] URL [options]}: picks the channel and runs it. */
public final class Main {
    static final String USAGE = """
            Usage: duet-client [get] URL [options]

            GETs URL and prints "statusCode: <code>" and the body, as the article's client does.
            URL may leave out "http://": duet-client localhost:8888/hello

            Options:
              --interval TIME    repeat every TIME, like setInterval (env DUET_INTERVAL; default: once)
              --count N          stop after N requests (env DUET_COUNT; with --interval, default: until interrupted)
              --timeout TIME     limit on connecting and on each read (env DUET_TIMEOUT, default 10s)
              --retry-for TIME   keep retrying while the server cannot be reached, with backoff,
                                 for up to TIME (env DUET_RETRY_FOR, default 0s: no retry)
              --json             one JSON object per request: status, body, timings of each phase
              --help             print this help and exit
              --version          print the version and exit

            TIME is a number with a unit: 250ms, 3s, 2m, 1h.
            Exit codes, as curl's: 0 success, 2 bad usage, 3 malformed URL, 6 unknown host,
            7 cannot connect, 22 HTTP status 400 or more, 28 timeout, 52 empty reply, 56 receive error.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return Cli.run("duet-client", USAGE, args, out, err, () -> {
            List<String> rest = !args.isEmpty() && args.get(0).equals("get") ? args.subList(1, args.size()) : args;
            CommandLine cli = CommandLine.parse(rest,
                    Set.of("--interval", "--count", "--timeout", "--retry-for"), Set.of("--json"));
            GetConfig config = GetConfig.from(cli.positionals(), new Settings(cli, env));
            return new GetCommand(config, out, err).run();
        });
    }
}
