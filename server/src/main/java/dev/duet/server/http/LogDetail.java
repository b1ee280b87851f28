package dev.duet.server.http;

import dev.duet.server.logging.Redaction;

/**
 * How much of each request the access log keeps beyond its line, and the inspector shows: the
 * headers ({@code --log-headers}), the first bytes of the body ({@code --log-body}), and which
 * header values are shown only as their length ({@code --log-redact}).
 *
 * @param bodyBytes 0 to keep nothing of the body
 */
public record LogDetail(boolean headers, int bodyBytes, Redaction redaction) {
    public static final LogDetail NONE = new LogDetail(false, 0, Redaction.DEFAULT);

    /** True when the log keeps anything beyond the line. */
    boolean any() {
        return headers || bodyBytes > 0;
    }
}
