package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestTest {
    private static final List<String> COMMANDS = List.of("get", "tcp", "unix", "ws", "fork", "bench", "self-test");

    @Test
    void aSlipIsTakenForTheCommandItMissed() {
        assertEquals(Optional.of("tcp"), Nearest.of("tpc", COMMANDS)); // two letters swapped: one slip
        assertEquals(Optional.of("bench"), Nearest.of("bnech", COMMANDS));
        assertEquals(Optional.of("unix"), Nearest.of("unx", COMMANDS));
        assertEquals(Optional.of("self-test"), Nearest.of("selftest", COMMANDS));
        assertEquals(Optional.of("fork"), Nearest.of("FORK", COMMANDS));
    }

    @Test
    void anotherWordIsNoSlip() {
        assertEquals(Optional.empty(), Nearest.of("frobnicate", COMMANDS));
        assertEquals(Optional.empty(), Nearest.of("ab", COMMANDS)); // two changes would make any two letters "ws"
        assertEquals(Optional.empty(), Nearest.of("x", COMMANDS));
    }

    @Test
    void choicesReadAsASentence() {
        assertEquals("http", Nearest.list(List.of("http")));
        assertEquals("http or tcp", Nearest.list(List.of("http", "tcp")));
        assertEquals("http, tcp or unix", Nearest.list(List.of("http", "tcp", "unix")));
    }

    @Test
    void anUnknownWordSaysTheNearestOrEveryChoice() {
        assertEquals(
                "unknown transport \"htp\" (did you mean \"http\"?)",
                UsageException.unknown("transport", "htp", List.of("http", "tcp", "unix"))
                        .getMessage());
        assertEquals(
                "unknown transport \"quic\" (expected http, tcp or unix)",
                UsageException.unknown("transport", "quic", List.of("http", "tcp", "unix"))
                        .getMessage());
    }
}
