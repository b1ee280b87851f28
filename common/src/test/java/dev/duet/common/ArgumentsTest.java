package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
    static final Option<Integer> PORT =
            Option.of("--port", ValueType.PORT, 8888).env("T_PORT").help("port");
    static final Option<Duration> WAIT = Option.of("--wait", ValueType.TIME, Duration.ofSeconds(3))
            .env("T_WAIT")
            .help("wait");
    static final Option<Optional<Integer>> COUNT =
            Option.optional("--count", ValueType.count(1, 9)).env("T_COUNT").help("count");
    static final Option<Boolean> QUIET = Option.flag("--quiet").env("T_QUIET").help("quiet");
    static final Option<Path> PATH =
            Option.of("--path", ValueType.PATH, Path.of("d.sock")).env("T_PATH");
    static final Option<String> URL =
            Option.required("--url", ValueType.TEXT.named("URL")).env("T_URL");

    static final OptionTable TABLE =
            OptionTable.of("prog", "cmd", "Does things.").positional(PATH).options(PORT, WAIT, COUNT, QUIET, PATH);

    private static Arguments parse(Map<String, String> env, String... words) {
        return Arguments.parse(TABLE, List.of(words), env);
    }

    private static String problem(Map<String, String> env, String... words) {
        return assertThrows(UsageException.class, () -> parse(env, words)).getMessage();
    }

    @Test
    void aFlagBeatsItsVariableWhichBeatsTheDefault() {
        assertEquals(1, parse(Map.of("T_PORT", "2"), "--port", "1").get(PORT));
        assertEquals(2, parse(Map.of("T_PORT", "2")).get(PORT));
        assertEquals(8888, parse(Map.of()).get(PORT));
        assertEquals(8888, parse(Map.of("T_PORT", "")).get(PORT), "an empty variable is unset");
    }

    @Test
    void valuesComeTypedInBothSpellings() {
        Arguments a = parse(Map.of(), "--wait=1.5s", "--count", "4", "--quiet");
        assertEquals(Duration.ofMillis(1500), a.get(WAIT));
        assertEquals(Optional.of(4), a.get(COUNT));
        assertTrue(a.get(QUIET));
        Arguments none = parse(Map.of());
        assertEquals(Optional.empty(), none.get(COUNT));
        assertFalse(none.get(QUIET));
    }

    @Test
    void aSwitchTakesTrueOrFalseFromItsVariable() {
        assertTrue(parse(Map.of("T_QUIET", "yes")).get(QUIET));
        assertFalse(parse(Map.of("T_QUIET", "0")).get(QUIET));
        assertEquals("T_QUIET: expected true or false, got \"maybe\"", problem(Map.of("T_QUIET", "maybe")));
        assertEquals("--quiet takes no value", problem(Map.of(), "--quiet=yes"));
    }

    @Test
    void aBadValueNamesWhereItCameFrom() {
        assertEquals("--port: expected a port number (0-65535), got \"http\"", problem(Map.of(), "--port", "http"));
        assertEquals("T_PORT: expected a port number (0-65535), got \"70000\"", problem(Map.of("T_PORT", "70000")));
        assertEquals(
                "T_WAIT: expected a duration such as 250ms, 3s, 2m or 1h, got \"soon\"",
                problem(Map.of("T_WAIT", "soon")));
    }

    @Test
    void typosAndMistakesAreUsageErrorsNeverDefaults() {
        assertEquals("unknown option \"--prot\"", problem(Map.of(), "--prot", "1"));
        assertEquals("--port needs a value", problem(Map.of(), "--port"));
        assertEquals("--port is given twice", problem(Map.of(), "--port", "1", "--port=2"));
        assertEquals("unexpected argument \"b.sock\"", problem(Map.of(), "a.sock", "b.sock"));
    }

    @Test
    void aBareWordIsTheShorthandForItsOptionButNotBoth() {
        assertEquals(Path.of("a.sock"), parse(Map.of(), "a.sock").get(PATH));
        assertEquals(Path.of("b.sock"), parse(Map.of(), "--path", "b.sock").get(PATH));
        assertEquals(Path.of("-"), parse(Map.of(), "-").get(PATH), "a lone dash is a word");
        assertEquals(Path.of("--x"), parse(Map.of(), "--", "--x").get(PATH), "-- ends the options");
        assertEquals("give PATH or --path, not both", problem(Map.of(), "a.sock", "--path", "b.sock"));
        assertEquals("not a valid path: \"a\\x00b\"", problem(Map.of(), "a\u0000b"));
    }

    @Test
    void helpCountsOnlyWhereAnOptionMayStand() {
        assertTrue(parse(Map.of(), "--port", "1", "--help").helpRequested());
        assertTrue(parse(Map.of(), "-h").helpRequested());
        assertTrue(parse(Map.of(), "--bogus", "--help").helpRequested(), "help wins over a mistake");
        assertTrue(parse(Map.of(), "--version").versionRequested());
        // as an option's value or after --, it is just text
        assertEquals(Path.of("--help"), parse(Map.of(), "--path", "--help").get(PATH));
        assertFalse(parse(Map.of(), "--path", "--help").helpRequested());
        assertEquals(Path.of("--help"), parse(Map.of(), "--", "--help").get(PATH));
    }

    @Test
    void aRequiredOptionMissingIsNamed() {
        OptionTable get = OptionTable.of("prog", "get", "Gets.").positional(URL).options(URL);
        assertEquals(
                "missing URL",
                assertThrows(UsageException.class, () -> Arguments.parse(get, List.of(), Map.of()))
                        .getMessage());
        assertEquals("x", Arguments.parse(get, List.of(), Map.of("T_URL", "x")).get(URL));
        assertEquals("y", Arguments.parse(get, List.of("y"), Map.of()).get(URL));
    }

    @Test
    void askingForAnOptionTheCommandDoesNotHaveIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of()).get(URL));
    }

    @Test
    void aFlagWithAnImpliedValueMayStandAlone() {
        Option<String> tls = Option.of("--tls", ValueType.oneOf("off", "on", "self-signed"), "off")
                .env("T_TLS")
                .impliedValue("on");
        Option<String> cert = Option.of("--cert", ValueType.TEXT, "none").env("T_CERT");
        OptionTable table = OptionTable.of("prog", "cmd", "Does things.").options(tls, cert);
        assertEquals("on", Arguments.parse(table, List.of("--tls"), Map.of()).get(tls));
        assertEquals(
                "on",
                Arguments.parse(table, List.of("--tls", "--cert", "c"), Map.of())
                        .get(tls));
        assertEquals(
                "self-signed",
                Arguments.parse(table, List.of("--tls", "self-signed"), Map.of())
                        .get(tls));
        assertEquals(
                "self-signed",
                Arguments.parse(table, List.of("--tls=self-signed"), Map.of()).get(tls));
        assertEquals("off", Arguments.parse(table, List.of(), Map.of()).get(tls));
        assertEquals("--tls [off|on|self-signed]", tls.synopsis());
    }

    @Test
    void aShortAliasAndARepeatableOptionReadAsCurlUsersTypeThem() {
        Option<List<String>> header =
                Option.repeatable("--header", ValueType.TEXT).alias("-H").env("T_HEADERS");
        Option<Boolean> insecure = Option.flag("--insecure").alias("-k").env("T_INSECURE");
        OptionTable table = OptionTable.of("prog", "cmd", "Does things.").options(header, insecure);
        Arguments given = Arguments.parse(table, List.of("-H", "A: 1", "--header", "B: 2", "-k"), Map.of());
        assertEquals(List.of("A: 1", "B: 2"), given.get(header));
        assertEquals(true, given.get(insecure));
        assertEquals(
                List.of("C: 3", "D: 4"),
                Arguments.parse(table, List.of(), Map.of("T_HEADERS", "C: 3\nD: 4"))
                        .get(header));
        assertEquals(List.of(), Arguments.parse(table, List.of(), Map.of()).get(header));
        assertEquals("-H, --header TEXT", header.synopsis());
        assertEquals("-k, --insecure", insecure.synopsis());
        UsageException twice =
                assertThrows(UsageException.class, () -> Arguments.parse(table, List.of("-k", "-k"), Map.of()));
        assertEquals("-k is given twice", twice.getMessage());
    }
}
