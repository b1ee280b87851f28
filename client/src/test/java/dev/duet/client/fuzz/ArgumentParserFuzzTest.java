package dev.duet.client.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.duet.client.fork.ForkConfig;
import dev.duet.client.http.GetConfig;
import dev.duet.client.stream.StreamClientConfig;
import dev.duet.common.Cli;
import dev.duet.common.CommandLine;
import dev.duet.common.Settings;
import dev.duet.common.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whatever words and environment a user passes, parsing ends in a configuration or in one of the
 * two errors the program reports cleanly (usage, exit 2; or a failure with its own code), never in
 * another exception that would show as a stack trace.
 * Runs its saved inputs in every build; {@code JAZZER_FUZZ=1} fuzzes it (see README).
 */
class ArgumentParserFuzzTest {
    private static final String[] FLAGS = {
        "--interval",
        "--count",
        "--timeout",
        "--retry-for",
        "--json",
        "--message",
        "--",
        "-",
        "--interval=",
        "--count=",
        "--timeout="
    };

    @FuzzTest(maxDuration = "10s")
    void parsingNeverFailsUnexpectedly(FuzzedDataProvider data) {
        List<String> args = new ArrayList<>();
        int n = data.consumeInt(0, 8);
        for (int i = 0; i < n; i++) {
            args.add(data.consumeBoolean() ? data.pickValue(FLAGS) : data.consumeString(40));
        }
        Map<String, String> env = Map.of(
                "DUET_INTERVAL", data.consumeString(12),
                "DUET_COUNT", data.consumeString(12),
                "DUET_TIMEOUT", data.consumeString(12),
                "DUET_JSON", data.consumeString(6));
        String command = data.pickValue(new String[] {"get", "tcp", "unix", "fork"});
        try {
            CommandLine cli = CommandLine.parse(
                    args, Set.of("--interval", "--count", "--timeout", "--retry-for", "--message"), Set.of("--json"));
            Settings settings = new Settings(cli, env);
            switch (command) {
                case "tcp" -> StreamClientConfig.tcp(cli.positionals(), settings);
                case "unix" -> StreamClientConfig.unix(cli.positionals(), settings);
                case "fork" -> ForkConfig.from(settings);
                default -> GetConfig.from(cli.positionals(), settings);
            }
        } catch (UsageException | Cli.Failure expected) {
            // reported to the user in one line
        }
    }
}
