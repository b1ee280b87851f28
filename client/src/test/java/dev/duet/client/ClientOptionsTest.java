package dev.duet.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.EveryOption;
import dev.duet.common.GeneratedSection;
import dev.duet.common.OptionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                // a client certificate and its key go together; faults waits longer than its slow answer
                Map.of(
                        ClientOptions.CERT, List.of("--key", "key.pem"),
                        ClientOptions.KEY, List.of("--cert", "cert.pem"),
                        ClientOptions.FAULTS_TIMEOUT, List.of("--slow", "1s"),
                        // a ramp needs a range to climb, dropping late requests a timetable, aborting a threshold
                        ClientOptions.RAMP, List.of("--rate", "1..2"),
                        ClientOptions.NO_CATCHUP, List.of("--rate", "5"),
                        ClientOptions.ABORT_ON_THRESHOLD, List.of("--threshold", "p99<1s")));
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
    void everyKindOfFailureHasItsExitCodeInTheOperationsPagesTable() throws Exception {
        String page = java.nio.file.Files.readString(GeneratedSection.docs("operations.md"));
        for (Failure.Kind kind : Failure.Kind.values()) {
            int code = kind.exitCode();
            // 0 is success and 2 bad usage: no failure may take either
            assertTrue(code != 0 && code != 2 && code < 126, kind + " exits " + code);
            Matcher row = Pattern.compile("(?m)^\\| " + code + " \\| (.*) \\|$").matcher(page);
            assertTrue(row.find(), "operations.md has no row for exit " + code);
            assertTrue(row.group(1).contains(kind.meaning()), kind + ": " + row.group(0));
        }
    }

    @Test
    void aMistypedCommandIsNamedWithTheNearestOne() {
        assertEquals(
                new ClientRun.Result(
                        2,
                        "",
                        "duet-client: unknown command \"tpc\" (did you mean \"tcp\"?)\nTry \"duet-client --help\".\n"),
                ClientRun.run("tpc", "host:9000"));
        assertEquals(
                new ClientRun.Result(
                        2,
                        "",
                        "duet-client: unknown command \"bench tpc\" (did you mean \"bench tcp\"?)\n"
                                + "Try \"duet-client --help\".\n"),
                ClientRun.run("bench", "tpc", "host:9000", "--duration", "1s"));
        assertEquals(
                new ClientRun.Result(
                        2,
                        "",
                        "duet-client: unknown command \"frobnicate\" (expected get, diff, faults, limits, tcp, unix, udp,"
                                + " ws, fork, grpc, bench, merge, report or self-test)\nTry \"duet-client --help\".\n"),
                ClientRun.run("frobnicate", "a"));
        // a URL or an address first is no command: the stray word after it is what is wrong
        assertEquals(
                new ClientRun.Result(
                        2, "", "duet-client: unexpected argument \"extra\"\nTry \"duet-client get --help\".\n"),
                ClientRun.run("localhost:9/x", "extra"));
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
