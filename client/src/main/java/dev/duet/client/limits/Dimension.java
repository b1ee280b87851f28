package dev.duet.client.limits;

/** What {@code limits} measures, by its key in the JSON and its name in the table. */
public enum Dimension {
    TARGET("target", "target", "bytes of request target: path and query"),
    HEADER_VALUE("headerValue", "header value", "bytes of one header's value"),
    HEADER_SECTION(
            "headerSection", "header section", "bytes of the request head: request line, header lines, blank line"),
    HEADER_COUNT("headerCount", "header count", "header fields in the request"),
    BODY("body", "body", "bytes of request body"),
    WS_MESSAGE("wsMessage", "WebSocket message", "bytes of one binary WebSocket message");

    private final String key;
    private final String label;
    private final String unit;

    Dimension(String key, String label, String unit) {
        this.key = key;
        this.label = label;
        this.unit = unit;
    }

    /** Its key in the JSON report. */
    public String key() {
        return key;
    }

    /** Its name in the table. */
    public String label() {
        return label;
    }

    /** What its sizes count. */
    public String unit() {
        return unit;
    }
}
