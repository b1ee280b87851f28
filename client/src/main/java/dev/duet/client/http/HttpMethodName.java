package dev.duet.client.http;

import dev.duet.common.HttpToken;
import dev.duet.common.LogText;
import dev.duet.common.ValueType;

/** A request method as -X takes it: any HTTP token, sent as typed (curl's {@code -X BREW} too). */
public final class HttpMethodName {
    public static final ValueType<String> TYPE = ValueType.of(
            "METHOD",
            text -> {
                if (!HttpToken.is(text)) {
                    throw new IllegalArgumentException(
                            "expected a method such as GET or POST, got " + LogText.quote(text));
                }
                return text;
            },
            text -> text,
            "PUT");

    private HttpMethodName() {}
}
