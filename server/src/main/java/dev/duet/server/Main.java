package dev.duet.server;

import dev.duet.common.Arguments;
import dev.duet.common.OptionTable;
import dev.duet.common.UsageException;
import dev.duet.common.Version;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.logging.JsonLogProvider;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.stream.StreamServerConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code duet-server [http|tcp|unix] [options]}: picks the transport, runs it until SIGTERM or
 * SIGINT, and turns what went wrong into an exit code: 2 for bad usage, 1 for a server that could
 * not start (or an unexpected error), 0 for a clean stop.
 */
public final class Main {
    static final int STOPPED = 0;
    static final int CANNOT_START = 1;
    static final int USAGE = 2;

    static final String OVERVIEW = OptionTable.overview(
            ServerOptions.COMMANDS,
            List.of("Exit codes: " + STOPPED + " stopped by SIGTERM or SIGINT, " + CANNOT_START
                    + " could not start (the line says why), " + USAGE + " bad usage."));

    private Main() {}

    /** The config records a transport's options make. */
    static ServerConfig config(OptionTable table, Arguments arguments) {
        EchoConfig echo = table == ServerOptions.TCP
                ? StreamServerConfig.tcp(arguments)
                : table == ServerOptions.UNIX ? StreamServerConfig.unix(arguments) : HttpServerConfig.from(arguments);
        return new ServerConfig(InstanceConfig.from(arguments), echo);
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        OptionTable table = ServerOptions.HTTP;
        List<String> rest = args;
        for (OptionTable candidate : ServerOptions.COMMANDS) {
            if (!args.isEmpty() && args.get(0).equals(candidate.command())) {
                table = candidate;
                rest = args.subList(1, args.size());
            }
        }
        boolean named = rest != args;
        try {
            if (!named && !args.isEmpty() && !args.get(0).startsWith("-")) {
                throw UsageException.unknown(
                        "transport",
                        args.get(0),
                        ServerOptions.COMMANDS.stream()
                                .map(OptionTable::command)
                                .toList());
            }
            Arguments arguments = Arguments.parse(table, rest, env);
            if (arguments.helpRequested()) {
                out.print(named ? table.help() : OVERVIEW);
                return 0;
            }
            if (arguments.versionRequested()) {
                out.println(ServerOptions.PROGRAM + " " + Version.current());
                return 0;
            }
            ServerConfig config = config(table, arguments);
            if (config.instance().logFormat() == LogFormat.JSON) {
                JsonLogProvider.select(); // before the first logger exists
            }
            new ServerLifecycle(config).serve();
            return STOPPED;
        } catch (UsageException e) {
            err.print(table.usageError(e));
            return USAGE;
        } catch (StartFailure e) {
            err.println(ServerOptions.PROGRAM + ": " + e.getMessage());
            return CANNOT_START;
        } catch (Exception e) {
            err.println(ServerOptions.PROGRAM + ": unexpected error: " + e);
            return CANNOT_START;
        }
    }
}
