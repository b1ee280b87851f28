package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionTableTest {
    @Test
    void helpShowsEachOptionWithItsVariableAndDefault() {
        assertEquals("""
                Usage: prog cmd [PATH] [options]
                Does things.
                PATH is a shorthand for --path.

                Options:
                  --port PORT               port
                                            (env T_PORT, default 8888)
                  --wait TIME               wait
                                            (env T_WAIT, default 3s)
                  --count N                 count
                                            (env T_COUNT, default none)
                  --quiet                   quiet
                                            (env T_QUIET, default off)
                  --path PATH
                                            (env T_PATH, default d.sock)
                  --help                    print this help and exit
                  --version                 print the version and exit

                TIME is a number with a unit: 250ms, 3s, 1.5s, 2m, 1h.
                """, ArgumentsTest.TABLE.help());
    }

    @Test
    void markdownIsOneRowAnOption() {
        OptionTable table = OptionTable.of("prog", "cmd", "Does things.")
                .options(
                        ArgumentsTest.PORT,
                        Option.of("--format", ValueType.oneOf("text", "json"), "text")
                                .env("T_FORMAT")
                                .help("how | to print"));
        assertEquals("""
                `prog cmd [options]`: Does things.

                | Option | Environment | Default | Meaning |
                |---|---|---|---|
                | `--port PORT` | `T_PORT` | `8888` | port |
                | `--format text\\|json` | `T_FORMAT` | `text` | how \\| to print |
                """, table.markdown());
    }

    @Test
    void theOverviewListsEveryCommandThenTheFirstOnesOptions() {
        OptionTable other = OptionTable.of("prog", "other", "Does other things.");
        String overview = OptionTable.overview(List.of(ArgumentsTest.TABLE, other), List.of("Exit codes: none."));
        assertEquals("""
                Usage: prog [COMMAND] [options]

                Commands:
                  [cmd] [PATH]              Does things.
                  other                     Does other things.

                "prog COMMAND --help" lists the options of each.

                Options of cmd:
                """ + ArgumentsTest.TABLE.optionLines() + "\nExit codes: none.\n", overview);
    }
}
