package dev.duet.server.logging;

import dev.duet.common.LogText;

/**
 * One JSON object on one line, written field by field without a JSON library (the log must not
 * load one at start-up). Strings are escaped as JSON requires, and beyond: the C1 controls, DEL
 * and the Unicode line separators too, so what a client sent can neither break the line nor drive
 * a terminal that shows it.
 */
public final class JsonLine {
    private final StringBuilder text;
    private boolean first = true;

    public JsonLine(StringBuilder into) {
        this.text = into;
        text.append('{');
    }

    public JsonLine string(String name, String value) {
        key(name);
        if (value == null) {
            text.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    public JsonLine number(String name, long value) {
        key(name);
        text.append(value);
        return this;
    }

    /** A decimal with one fractional digit, as durations in milliseconds are shown. */
    public JsonLine tenths(String name, long tenths) {
        key(name);
        text.append(tenths / 10).append('.').append(tenths % 10);
        return this;
    }

    public JsonLine bool(String name, boolean value) {
        key(name);
        text.append(value);
        return this;
    }

    /** An object as the value of {@code name}: write its fields to what this returns, then {@link #close()} it. */
    public JsonLine object(String name) {
        key(name);
        return new JsonLine(text);
    }

    /** Closes an object {@link #object} began. */
    public void close() {
        text.append('}');
    }

    /** Closes the object and ends the line. */
    public void end() {
        text.append("}\n");
    }

    private void key(String name) {
        if (!first) {
            text.append(',');
        }
        first = false;
        quote(name);
        text.append(':');
    }

    private void quote(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (LogText.isControl(c)) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
