package dev.duet.common;

/** RFC 9110's token: what header names and methods are made of. */
public final class HttpToken {
    private static final String SYMBOLS = "!#$%&'*+-.^_`|~";

    private HttpToken() {}

    /** True for one or more token characters: letters, digits and {@code !#$%&'*+-.^_`|~}. */
    public static boolean is(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || SYMBOLS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
