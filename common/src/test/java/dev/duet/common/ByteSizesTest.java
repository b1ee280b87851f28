package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {
    @ParameterizedTest
    @CsvSource({"8192,8192", "8KiB,8192", "10MiB,10485760", "1GiB,1073741824", "0,0", "12B,12"})
    void parsesNumberAndBinaryUnit(String text, long bytes) {
        assertEquals(bytes, ByteSizes.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "8kb", "1.5MiB", "ten", "99999999999GiB"})
    void refusesAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(text));
    }
}
