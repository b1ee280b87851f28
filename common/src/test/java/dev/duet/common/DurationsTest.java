package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"250ms,250", "3s,3000", "1.5s,1500", "2m,120000", "1h,3600000", "0s,0"})
    void parsesNumberAndUnit(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3", "-1s", "s", "3 s", "1d", "1e3ms"})
    void refusesAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"250,250ms", "3000,3s", "1500,1500ms", "120000,2m", "3600000,1h"})
    void formatsInTheShortestExactUnit(long millis, String text) {
        assertEquals(text, Durations.format(Duration.ofMillis(millis)));
    }
}
