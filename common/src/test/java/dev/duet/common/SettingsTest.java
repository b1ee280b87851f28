package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Settings settings(Map<String, String> env, String... args) {
        return new Settings(CommandLine.parse(List.of(args), Set.of("--port", "--wait"), Set.of("--quiet")), env);
    }

    @Test
    void flagBeatsEnvironmentBeatsDefault() {
        assertEquals(1, settings(Map.of("DUET_PORT", "2"), "--port", "1").port("--port", "DUET_PORT", 3));
        assertEquals(2, settings(Map.of("DUET_PORT", "2")).port("--port", "DUET_PORT", 3));
        assertEquals(3, settings(Map.of()).port("--port", "DUET_PORT", 3));
    }

    @Test
    void badValueNamesWhereItCameFrom() {
        assertEquals(
                "DUET_PORT: expected a port number (0-65535), got \"70000\"",
                assertThrows(
                                UsageException.class,
                                () -> settings(Map.of("DUET_PORT", "70000")).port("--port", "DUET_PORT", 1))
                        .getMessage());
        assertEquals(
                "--port: expected a port number (0-65535), got \"http\"",
                assertThrows(
                                UsageException.class,
                                () -> settings(Map.of(), "--port", "http").port("--port", "DUET_PORT", 1))
                        .getMessage());
    }

    @Test
    void durationsComeFromFlagsAndEnvironment() {
        assertEquals(
                Duration.ofMillis(1500), settings(Map.of(), "--wait", "1.5s").duration("--wait", "W", Duration.ZERO));
        assertEquals(Duration.ofMinutes(2), settings(Map.of("W", "2m")).duration("--wait", "W", Duration.ZERO));
        assertEquals(
                "--wait: expected a duration such as 250ms, 3s, 2m or 1h, got \"soon\"",
                assertThrows(
                                UsageException.class,
                                () -> settings(Map.of(), "--wait", "soon").duration("--wait", "W", Duration.ZERO))
                        .getMessage());
    }

    @Test
    void switchesComeFromFlagsOrEnvironmentWords() {
        assertTrue(settings(Map.of(), "--quiet").flag("--quiet", "Q"));
        assertTrue(settings(Map.of("Q", "true")).flag("--quiet", "Q"));
        assertFalse(settings(Map.of("Q", "0")).flag("--quiet", "Q"));
        assertFalse(settings(Map.of()).flag("--quiet", "Q"));
        assertThrows(UsageException.class, () -> settings(Map.of("Q", "maybe")).flag("--quiet", "Q"));
    }
}
