package dev.duet.client;

import dev.duet.client.Failure.Kind;
import dev.duet.client.bench.BenchCommand;
import dev.duet.client.bench.BenchConfig;
import dev.duet.client.diff.DiffCommand;
import dev.duet.client.diff.DiffConfig;
import dev.duet.client.fork.ForkCommand;
import dev.duet.client.fork.ForkConfig;
import dev.duet.client.http.GetCommand;
import dev.duet.client.http.GetConfig;
import dev.duet.client.http.SecurityProvidersWarmUp;
import dev.duet.client.http.SelfTest;
import dev.duet.client.http.TallyCommand;
import dev.duet.client.stream.StreamClient;
import dev.duet.client.stream.StreamClientConfig;
import dev.duet.client.ws.WsCommand;
import dev.duet.client.ws.WsConfig;
import dev.duet.common.Arguments;
import dev.duet.common.OptionTable;
import dev.duet.common.UsageException;
import dev.duet.common.Version;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code duet-client [get|diff|tcp|unix|ws|fork|bench|self-test] ...}: picks the command, runs it, and
 * turns what went wrong into an exit code, curl's number wherever curl has one, so scripts that
 * know curl know these.
 */
public final class Main {
    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int USAGE = 2;

    /** The one table of exit codes. */
    static final Map<Kind, Integer> EXIT_CODES = new EnumMap<>(Map.ofEntries(
            Map.entry(Kind.CHILD_DIED, 1),
            Map.entry(Kind.NOT_THE_ECHO, 1),
            Map.entry(Kind.PATH_CHANGED, 1),
            Map.entry(Kind.REQUESTS_FAILED, 1),
            Map.entry(Kind.MALFORMED_URL, 3),
            Map.entry(Kind.UNKNOWN_HOST, 6),
            Map.entry(Kind.CANNOT_CONNECT, 7),
            Map.entry(Kind.WEIRD_ANSWER, 8),
            Map.entry(Kind.HTTP_ERROR, 22),
            Map.entry(Kind.TIMEOUT, 28),
            Map.entry(Kind.TLS_HANDSHAKE, 35),
            Map.entry(Kind.EMPTY_REPLY, 52),
            Map.entry(Kind.DATA_FILE, 26),
            Map.entry(Kind.BROKEN_ANSWER, 56),
            Map.entry(Kind.ECHO_MISMATCH, 56),
            Map.entry(Kind.CLIENT_CERTIFICATE, 58),
            Map.entry(Kind.UNTRUSTED_CERTIFICATE, 60),
            Map.entry(Kind.CA_CERTIFICATE, 77)));

    /** The exit code for a failure of this kind. */
    public static int exitCode(Kind kind) {
        return EXIT_CODES.get(kind);
    }

    /** A command: the config record its options make, and the work done with it. */
    private record Command<C>(ConfigReader<C> config, Runner<C> runner) {
        void run(Arguments arguments, PrintStream out, PrintStream err) throws Exception {
            runner.run(config.read(arguments), out, err);
        }
    }

    @FunctionalInterface
    private interface ConfigReader<C> {
        C read(Arguments arguments) throws Failure;
    }

    /** Returns when all went well, else throws what went wrong. */
    @FunctionalInterface
    private interface Runner<C> {
        void run(C config, PrintStream out, PrintStream err) throws Exception;
    }

    private static final Map<OptionTable, Command<?>> COMMANDS = Map.ofEntries(
            Map.entry(ClientOptions.GET, new Command<>(GetConfig::from, Main::get)),
            Map.entry(
                    ClientOptions.DIFF,
                    new Command<>(DiffConfig::from, (c, out, err) -> new DiffCommand(c, out).run())),
            Map.entry(
                    ClientOptions.TCP,
                    new Command<>(StreamClientConfig::tcp, (c, out, err) -> new StreamClient(c, out).run())),
            Map.entry(
                    ClientOptions.UNIX,
                    new Command<>(StreamClientConfig::unix, (c, out, err) -> new StreamClient(c, out).run())),
            Map.entry(ClientOptions.WS, new Command<>(WsConfig::from, (c, out, err) -> new WsCommand(c, out).run())),
            Map.entry(
                    ClientOptions.FORK,
                    new Command<>(ForkConfig::from, (c, out, err) -> new ForkCommand(c, out, err).run())),
            Map.entry(ClientOptions.BENCH, new Command<>(BenchConfig::http, Main::bench)),
            Map.entry(ClientOptions.BENCH_TCP, new Command<>(BenchConfig::tcp, Main::bench)),
            Map.entry(ClientOptions.BENCH_UNIX, new Command<>(BenchConfig::unix, Main::bench)),
            Map.entry(ClientOptions.BENCH_FORK, new Command<>(BenchConfig::fork, Main::bench)),
            Map.entry(ClientOptions.SELF_TEST, new Command<>(a -> a, (a, out, err) -> SelfTest.run(out, err))));

    /** The config record a command's options make: for tests that check every option reaches it. */
    public static Object config(OptionTable table, Arguments arguments) throws Failure {
        return COMMANDS.get(table).config().read(arguments);
    }

    /** The top-level --help, built when asked for: a request need not format it. */
    static String overview() {
        return OptionTable.overview(ClientOptions.COMMANDS, List.of(exitCodeNote()));
    }

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        OptionTable table = command(args);
        if (table == ClientOptions.GET
                || table == ClientOptions.DIFF
                || table == ClientOptions.WS
                || table == ClientOptions.SELF_TEST) {
            SecurityProvidersWarmUp.start(); // the commands that talk through OkHttp: beside the parsing below
        }
        boolean named =
                table != ClientOptions.GET || (!args.isEmpty() && args.get(0).equals("get"));
        List<String> rest = named ? args.subList(table.command().split(" ").length, args.size()) : args;
        try {
            Arguments arguments = Arguments.parse(table, rest, env);
            if (arguments.helpRequested()) {
                out.print(named ? table.help() : overview());
                return OK;
            }
            if (arguments.versionRequested()) {
                out.println(ClientOptions.PROGRAM + " " + Version.current());
                return OK;
            }
            COMMANDS.get(table).run(arguments, out, err);
            return OK;
        } catch (UsageException e) {
            err.print(table.usageError(e));
            return USAGE;
        } catch (Failure failure) {
            if (!failure.shown()) {
                err.println(failure.line());
            }
            return exitCode(failure.kind());
        } catch (Exception e) {
            err.println(ClientOptions.PROGRAM + ": unexpected error: " + e);
            return UNEXPECTED;
        }
    }

    /** The command the first words name ({@code bench tcp} before {@code bench}); else {@code get}. */
    private static OptionTable command(List<String> args) {
        OptionTable found = ClientOptions.GET;
        int foundWords = 0;
        for (OptionTable table : ClientOptions.COMMANDS) {
            List<String> words = List.of(table.command().split(" "));
            if (words.size() > foundWords
                    && args.size() >= words.size()
                    && args.subList(0, words.size()).equals(words)) {
                found = table;
                foundWords = words.size();
            }
        }
        return found;
    }

    /** The article's client, or with --tally the count of who answered. */
    private static void get(GetConfig config, PrintStream out, PrintStream err) throws Exception {
        if (config.tally()) {
            new TallyCommand(config, out, err).run();
        } else {
            new GetCommand(config, out, err).run();
        }
    }

    private static void bench(BenchConfig config, PrintStream out, PrintStream err) throws Exception {
        new BenchCommand(config, out, err, System.console() != null).run();
    }

    /** Every exit code and its meaning, lowest first: for --help and docs/operations.md. */
    static Map<Integer, List<String>> exitCodes() {
        Map<Integer, List<String>> meanings = new TreeMap<>();
        meanings.computeIfAbsent(OK, c -> new ArrayList<>()).add("success");
        meanings.computeIfAbsent(USAGE, c -> new ArrayList<>()).add("bad usage: the line says what, and where to look");
        EXIT_CODES.forEach((kind, code) ->
                meanings.computeIfAbsent(code, c -> new ArrayList<>()).add(kind.meaning()));
        return meanings;
    }

    private static String exitCodeNote() {
        StringBuilder text = new StringBuilder("Exit codes, as curl's where curl has one:");
        exitCodes()
                .forEach((code, meanings) ->
                        text.append(String.format("\n  %-3d %s", code, String.join("; ", meanings))));
        return text.toString();
    }

    /** The exit codes as a Markdown table. */
    static String exitCodeTable() {
        StringBuilder text = new StringBuilder("| Exit | Meaning |\n|---|---|\n");
        exitCodes()
                .forEach((code, meanings) -> text.append("| ")
                        .append(code)
                        .append(" | ")
                        .append(String.join("; ", meanings))
                        .append(" |\n"));
        return text.toString();
    }
}
