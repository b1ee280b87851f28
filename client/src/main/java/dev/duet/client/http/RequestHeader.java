package dev.duet.client.http;

import dev.duet.common.LogText;
import dev.duet.common.ValueType;

/** One -H header, {@code Name: value}, as curl takes it. */
public record RequestHeader(String name, String value) {
    public static final ValueType<RequestHeader> TYPE =
            ValueType.of("\"NAME: VALUE\"", RequestHeader::parse, RequestHeader::toString, "X-Example: 1");

    static RequestHeader parse(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? "" : text.substring(0, colon).trim();
        String value = colon < 0 ? "" : text.substring(colon + 1).trim();
        if (!isToken(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("expected a header such as \"X-Trace: 1\", got " + LogText.quote(text));
        }
        return new RequestHeader(name, value);
    }

    /** RFC 9110 token characters, what header names and methods are made of. */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
