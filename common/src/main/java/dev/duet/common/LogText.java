package dev.duet.common;

/**
 * Makes untrusted text safe for a log line: control characters become visible escapes, so a path
 * or a message can never start a forged line or move the terminal's cursor.
 */
public final class LogText {
    private LogText() {}

    /** Escapes every character that could break or disguise a log line; cuts it to {@code max} characters. */
    public static String escape(CharSequence text, int max) {
        if (text instanceof String plain && plain.length() <= max && !needsEscaping(plain)) {
            return plain; // the common case, without copying
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    // C0 and C1 controls, DEL, and the Unicode line and paragraph separators
                    if (isControl(c)) {
                        out.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (i < text.length()) {
            out.append("...(").append(text.length() - i).append(" more)");
        }
        return out.toString();
    }

    private static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || isControl(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The one rule for what must never reach a log or a terminal raw: the C0 controls, DEL, the
     * C1 controls (some terminals obey them: CSI among them), and the Unicode line and paragraph
     * separators. Every escaper here (log lines, JSON logs, the client's reports) asks this.
     */
    public static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }

    public static String escape(CharSequence text) {
        return escape(text, Integer.MAX_VALUE);
    }

    /** Escaped and in double quotes, for naming a user's value in an error message. */
    public static String quote(CharSequence text) {
        return "\"" + escape(text, 200).replace("\"", "\\\"") + "\"";
    }
}
