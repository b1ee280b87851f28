package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static CommandLine parse(String... args) {
        return CommandLine.parse(List.of(args), Set.of("--port", "--host"), Set.of("--quiet"));
    }

    @Test
    void separatesFlagsValuesAndPositionals() {
        CommandLine cli = parse("tcp", "--port", "9000", "--host=::1", "--quiet", "extra");
        assertEquals(Optional.of("9000"), cli.value("--port"));
        assertEquals(Optional.of("::1"), cli.value("--host"));
        assertTrue(cli.has("--quiet"));
        assertEquals(List.of("tcp", "extra"), cli.positionals());
    }

    @Test
    void doubleDashEndsFlags() {
        assertEquals(List.of("--port", "x"), parse("--", "--port", "x").positionals());
    }

    @Test
    void anArgumentToAnOptionsOnlyCommandIsAUsageErrorNamingIt() {
        CommandLine options = parse("--port", "9000");
        assertEquals(options, options.withoutPositionals());
        UsageException e = assertThrows(
                UsageException.class, () -> parse("--quiet", "extra", "more").withoutPositionals());
        assertEquals("unexpected argument \"extra\"", e.getMessage());
    }

    @Test
    void unknownFlagIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> parse("--prot", "1"));
        assertEquals("unknown option \"--prot\"", e.getMessage());
    }

    @Test
    void missingValueIsAUsageError() {
        assertEquals(
                "--port needs a value",
                assertThrows(UsageException.class, () -> parse("--port")).getMessage());
    }

    @Test
    void repeatedFlagIsAUsageError() {
        assertEquals(
                "--port is given twice",
                assertThrows(UsageException.class, () -> parse("--port", "1", "--port=2"))
                        .getMessage());
    }

    @Test
    void booleanFlagRefusesAValue() {
        assertEquals(
                "--quiet takes no value",
                assertThrows(UsageException.class, () -> parse("--quiet=yes")).getMessage());
    }
}
