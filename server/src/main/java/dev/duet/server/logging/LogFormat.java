package dev.duet.server.logging;

import dev.duet.common.LogText;
import java.util.Locale;

/** How the server writes its log: lines of text for people, or one JSON object a line for shippers. */
public enum LogFormat {
    TEXT,
    JSON;

    public static LogFormat parse(String word) {
        try {
            return valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected text or json, got " + LogText.quote(word));
        }
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
