package dev.duet.client;

import dev.duet.client.Failure.Kind;
import dev.duet.client.bench.BenchCommand;
import dev.duet.client.bench.BenchConfig;
import dev.duet.client.bench.SavedRunCommands;
import dev.duet.client.diff.DiffCommand;
import dev.duet.client.diff.DiffConfig;
import dev.duet.client.faults.FaultsCommand;
import dev.duet.client.faults.FaultsConfig;
import dev.duet.client.fork.ForkCommand;
import dev.duet.client.fork.ForkConfig;
import dev.duet.client.grpc.GrpcCommand;
import dev.duet.client.grpc.GrpcConfig;
import dev.duet.client.http.GetCommand;
import dev.duet.client.http.GetConfig;
import dev.duet.client.http.SecurityProvidersWarmUp;
import dev.duet.client.http.SelfTest;
import dev.duet.client.http.TallyCommand;
import dev.duet.client.limits.LimitsCommand;
import dev.duet.client.limits.LimitsConfig;
import dev.duet.client.stream.StreamClient;
import dev.duet.client.stream.StreamClientConfig;
import dev.duet.client.udp.UdpCommand;
import dev.duet.client.udp.UdpConfig;
import dev.duet.client.ws.WsCommand;
import dev.duet.client.ws.WsConfig;
import dev.duet.common.Arguments;
import dev.duet.common.OptionTable;
import dev.duet.common.UsageException;
import dev.duet.common.Version;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code duet-client [get|diff|faults|limits|tcp|unix|udp|ws|fork|grpc|bench|merge|report|self-test] ...}: picks the command, runs it, and
 * exits with the code of what went wrong ({@link Kind#exitCode()}).
 */
public final class Main {
    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int USAGE = 2;

    /** A word that could be a command: no dot, colon or slash, as a URL, address or path has. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

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
                    ClientOptions.FAULTS,
                    new Command<>(FaultsConfig::from, (c, out, err) -> new FaultsCommand(c, out).run())),
            Map.entry(
                    ClientOptions.LIMITS,
                    new Command<>(LimitsConfig::from, (c, out, err) -> new LimitsCommand(c, out).run())),
            Map.entry(
                    ClientOptions.TCP,
                    new Command<>(StreamClientConfig::tcp, (c, out, err) -> new StreamClient(c, out).run())),
            Map.entry(
                    ClientOptions.UNIX,
                    new Command<>(StreamClientConfig::unix, (c, out, err) -> new StreamClient(c, out).run())),
            Map.entry(ClientOptions.UDP, new Command<>(UdpConfig::from, (c, out, err) -> new UdpCommand(c, out).run())),
            Map.entry(ClientOptions.WS, new Command<>(WsConfig::from, (c, out, err) -> new WsCommand(c, out).run())),
            Map.entry(
                    ClientOptions.FORK,
                    new Command<>(ForkConfig::from, (c, out, err) -> new ForkCommand(c, out, err).run())),
            Map.entry(
                    ClientOptions.GRPC,
                    new Command<>(GrpcConfig::from, (c, out, err) -> new GrpcCommand(c, out, err).run())),
            Map.entry(ClientOptions.BENCH, new Command<>(BenchConfig::http, Main::bench)),
            Map.entry(ClientOptions.BENCH_TCP, new Command<>(BenchConfig::tcp, Main::bench)),
            Map.entry(ClientOptions.BENCH_UNIX, new Command<>(BenchConfig::unix, Main::bench)),
            Map.entry(ClientOptions.BENCH_UDP, new Command<>(BenchConfig::udp, Main::bench)),
            Map.entry(ClientOptions.BENCH_FORK, new Command<>(BenchConfig::fork, Main::bench)),
            Map.entry(ClientOptions.BENCH_WS, new Command<>(BenchConfig::ws, Main::bench)),
            Map.entry(ClientOptions.BENCH_GRPC, new Command<>(BenchConfig::grpc, Main::bench)),
            Map.entry(
                    ClientOptions.MERGE,
                    new Command<>(
                            SavedRunCommands.MergeConfig::from,
                            (c, out, err) -> SavedRunCommands.merge(c, System.in, out))),
            Map.entry(
                    ClientOptions.REPORT_PAGE,
                    new Command<>(
                            SavedRunCommands.ReportConfig::from,
                            (c, out, err) -> SavedRunCommands.report(c, System.in, out))),
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
                || table == ClientOptions.BENCH_WS
                || table == ClientOptions.SELF_TEST) {
            SecurityProvidersWarmUp.start(); // the commands that talk through OkHttp: beside the parsing below
        }
        boolean named =
                table != ClientOptions.GET || (!args.isEmpty() && args.get(0).equals("get"));
        List<String> rest = named ? args.subList(table.command().split(" ").length, args.size()) : args;
        List<String> commandWords = named ? List.of(table.command().split(" ")) : List.of();
        try {
            Arguments arguments = parse(table, commandWords, rest, env);
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
        } catch (UnknownCommand e) {
            err.print(ClientOptions.PROGRAM + ": " + e.getMessage() + "\nTry \"" + ClientOptions.PROGRAM
                    + " --help\".\n");
            return USAGE;
        } catch (UsageException e) {
            err.print(table.usageError(e));
            return USAGE;
        } catch (Failure failure) {
            if (!failure.shown()) {
                err.println(failure.line());
            }
            return failure.kind().exitCode();
        } catch (Exception e) {
            err.println(ClientOptions.PROGRAM + ": unexpected error: " + e);
            return UNEXPECTED;
        }
    }

    /**
     * The command line read against the command's table. A stray word after a first word that
     * looks like a command, not a URL or an address, means a mistyped command: {@code duet-client
     * tpc host:9000} says so, and which command is nearest, instead of taking {@code tpc} for a host.
     */
    private static Arguments parse(
            OptionTable table, List<String> commandWords, List<String> rest, Map<String, String> env) {
        try {
            return Arguments.parse(table, rest, env);
        } catch (UsageException e) {
            List<String> commands = commandsAfter(commandWords);
            if (e.unexpectedArgument().isPresent() && mayNameACommand(rest) && !commands.isEmpty()) {
                throw new UnknownCommand(UsageException.unknown("command", typedCommand(commandWords, rest), commands));
            }
            throw e;
        }
    }

    /** A usage error whose help is the list of commands, not one command's options. */
    private static final class UnknownCommand extends RuntimeException {
        UnknownCommand(UsageException problem) {
            super(problem.getMessage());
        }
    }

    private static boolean mayNameACommand(List<String> rest) {
        return !rest.isEmpty() && PLAIN_WORD.matcher(rest.get(0)).matches();
    }

    private static String typedCommand(List<String> commandWords, List<String> rest) {
        List<String> words = new ArrayList<>(commandWords);
        words.add(rest.get(0));
        return String.join(" ", words);
    }

    /** The commands one word longer than {@code prefix}: after none, every first word; after bench, bench tcp... */
    private static List<String> commandsAfter(List<String> prefix) {
        Set<String> commands = new LinkedHashSet<>();
        for (OptionTable table : ClientOptions.COMMANDS) {
            List<String> words = List.of(table.command().split(" "));
            if (words.size() > prefix.size() && words.subList(0, prefix.size()).equals(prefix)) {
                commands.add(String.join(" ", words.subList(0, prefix.size() + 1)));
            }
        }
        return List.copyOf(commands);
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
        for (Kind kind : Kind.values()) {
            meanings.computeIfAbsent(kind.exitCode(), c -> new ArrayList<>()).add(kind.meaning());
        }
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
