package dev.duet.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.common.EveryOption;
import dev.duet.common.GeneratedSection;
import dev.duet.common.OptionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every option of every command: in its --help with variable and default, and set by both. */
class ClientOptionsTest {
    @Test
    void everyOptionIsInItsHelpAndItsVariableSetsIt() throws Exception {
        EveryOption.check(
                ClientOptions.COMMANDS,
                table -> {
                    List<String> words = new ArrayList<>(List.of(table.command().split(" ")));
                    words.add("--help");
                    return ClientRun.run(words.toArray(String[]::new)).out();
                },
                Main::config,
                // a client certificate and its key go together
                Map.of(
                        ClientOptions.CERT, List.of("--key", "key.pem"),
                        ClientOptions.KEY, List.of("--cert", "cert.pem")));
    }

    @Test
    void theConfigurationPageShowsEveryCommandsTable() throws Exception {
        GeneratedSection.check(
                GeneratedSection.docs("configuration.md"),
                "duet-client options",
                OptionTable.markdown(ClientOptions.COMMANDS));
    }

    @Test
    void theOperationsPageListsTheExitCodesOfTheOneTable() throws Exception {
        GeneratedSection.check(GeneratedSection.docs("operations.md"), "duet-client exit codes", Main.exitCodeTable());
    }

    @Test
    void helpAsAnOptionsValueIsTheValue() {
        ClientRun.Result r = ClientRun.run("unix", "--path", "--help", "--count", "1");
        assertEquals(
                new ClientRun.Result(7, "", "duet-client: cannot connect to --help: no such file or directory\n"), r);
    }

    @Test
    void aCommandsHelpIsItsTable() {
        assertEquals(new ClientRun.Result(0, ClientOptions.BENCH_TCP.help(), ""), ClientRun.run("bench", "tcp", "-h"));
        assertEquals(new ClientRun.Result(0, Main.overview(), ""), ClientRun.run("--help"));
    }
}
