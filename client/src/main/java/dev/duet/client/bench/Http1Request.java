package dev.duet.client.bench;

import dev.duet.client.http.RequestHeader;
import dev.duet.client.http.RequestSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;

/**
 * One HTTP/1.1 request, encoded once for a whole load: every connection sends the same bytes,
 * from a read-only view of its own, so sending allocates nothing.
 */
final class Http1Request {
    private final ByteBuffer bytes;
    private final boolean head;

    private Http1Request(byte[] bytes, boolean head) {
        this.bytes = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        this.head = head;
    }

    /** The request line, Host, the -H headers, and the body (-d) with its length, as curl sends them. */
    static Http1Request encode(HttpUrl url, RequestSpec spec) throws IOException {
        StringBuilder text = new StringBuilder(256);
        text.append(spec.method()).append(' ').append(url.encodedPath());
        if (url.encodedQuery() != null) {
            text.append('?').append(url.encodedQuery());
        }
        text.append(" HTTP/1.1\r\n");
        boolean hostGiven = spec.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Host"));
        if (!hostGiven) {
            String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
            boolean defaultPort = url.port() == HttpUrl.defaultPort(url.scheme());
            text.append("Host: ")
                    .append(host)
                    .append(defaultPort ? "" : ":" + url.port())
                    .append("\r\n");
        }
        text.append("User-Agent: duet-client\r\n");
        for (RequestHeader header : spec.headers()) {
            text.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        byte[] body = spec.bodyBytes().orElse(null);
        if (body != null) {
            spec.defaultContentType()
                    .ifPresent(
                            type -> text.append("Content-Type: ").append(type).append("\r\n"));
            text.append("Content-Length: ").append(body.length).append("\r\n");
        }
        text.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeBytes(body);
        }
        return new Http1Request(out.toByteArray(), spec.method().equals("HEAD"));
    }

    /** A view of the bytes of its own, for one connection to send from the start again and again. */
    ByteBuffer view() {
        return bytes.duplicate();
    }

    /** A HEAD request, whose answer has no body whatever its Content-Length says. */
    boolean head() {
        return head;
    }
}
