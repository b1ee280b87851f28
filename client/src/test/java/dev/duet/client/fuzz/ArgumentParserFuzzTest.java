package dev.duet.client.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.Main;
import dev.duet.common.Arguments;
import dev.duet.common.OptionTable;
import dev.duet.common.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whatever words and environment a user passes, parsing ends in a configuration or in one of the
 * two errors the program reports cleanly (usage, exit 2; or a failure with its own code), never in
 * another exception that would show as a stack trace.
 * Runs its saved inputs in every build; {@code JAZZER_FUZZ=1} fuzzes it (scripts/fuzz.sh).
 */
class ArgumentParserFuzzTest {
    private static final String[] FLAGS = {
        "--interval", "--count", "--timeout", "--retry-for", "--json", "--message", "--address", "--path", "--url",
        "--concurrency", "--duration", "--help", "--", "-", "--interval=", "--count=", "--timeout=", "--json="
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
                "DUET_SOCKET", data.consumeString(12),
                "DUET_ADDRESS", data.consumeString(12),
                "DUET_JSON", data.consumeString(6));
        OptionTable table = data.pickValue(ClientOptions.COMMANDS.toArray(OptionTable[]::new));
        try {
            Arguments a = Arguments.parse(table, args, env);
            if (a.helpRequested() || a.versionRequested()) {
                return;
            }
            Main.config(table, a);
        } catch (UsageException | Failure expected) {
            // reported to the user in one line
        }
    }
}
