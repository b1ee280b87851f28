package dev.duet.client.http;

import dev.duet.common.HttpToken;
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
        if (!HttpToken.is(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("expected a header such as \"X-Trace: 1\", got " + LogText.quote(text));
        }
        return new RequestHeader(name, value);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
