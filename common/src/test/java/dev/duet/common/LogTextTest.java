package dev.duet.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void escapesLineBreaksSoNoLineCanBeForged() {
        assertEquals("/a\\r\\nINFO forged", LogText.escape("/a\r\nINFO forged"));
    }

    @Test
    void escapesTerminalControlsAndUnicodeSeparators() {
        assertEquals("\\x1b[31mred \\x85 \\u2028 \\x7f \\t", LogText.escape("\u001b[31mred \u0085 \u2028 \u007f \t"));
    }

    @Test
    void escapesBackslashSoEscapesAreUnambiguous() {
        assertEquals("a\\\\nb", LogText.escape("a\\nb"));
    }

    @Test
    void keepsPrintableUnicode() {
        assertEquals("/café/日本", LogText.escape("/café/日本"));
    }

    @Test
    void cutsLongTextAndSaysHowMuchWasLeftOut() {
        assertEquals("abc...(3 more)", LogText.escape("abcdef", 3));
    }

    @Test
    void quotesForErrorMessages() {
        assertEquals("\"say \\\"hi\\\"\\n\"", LogText.quote("say \"hi\"\n"));
    }
}
