package dev.duet.client.bench;

import dev.duet.client.http.RequestHeader;
import dev.duet.client.http.RequestSpec;
import dev.duet.common.RunHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okhttp3.HttpUrl;

/**
 * One HTTP/1.1 request, encoded once for a whole load: every connection sends the same bytes, from
 * a buffer of its own, so sending allocates nothing. A numbered run's requests differ in one
 * place, the digits of {@code X-Duet-Seq}, which each connection writes into its buffer.
 */
final class Http1Request {
    /** Room for the largest number: ten digits. */
    private static final int MAX_DIGITS = 10;

    /** Everything before the number, and everything after it (all of it when not numbered). */
    private final byte[] prefix;

    private final byte[] suffix;
    private final boolean numbered;
    private final boolean head;

    private Http1Request(byte[] prefix, byte[] suffix, boolean numbered, boolean head) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.numbered = numbered;
        this.head = head;
    }

    /**
     * The request line, Host, the -H headers, and the body (-d) with its length, as curl sends
     * them; with a {@code run}, its id and a number in {@code X-Duet-Run} and {@code X-Duet-Seq}.
     */
    static Http1Request encode(HttpUrl url, RequestSpec spec, String run) throws IOException {
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
        byte[] prefix = new byte[0];
        if (run != null) {
            text.append(RunHeaders.RUN).append(": ").append(run).append("\r\n");
            text.append(RunHeaders.SEQ).append(": ");
            prefix = text.toString().getBytes(StandardCharsets.UTF_8);
            text.setLength(0);
            text.append("\r\n");
        }
        text.append("\r\n");
        ByteArrayOutputStream suffix = new ByteArrayOutputStream();
        suffix.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            suffix.writeBytes(body);
        }
        return new Http1Request(
                prefix, suffix.toByteArray(), run != null, spec.method().equals("HEAD"));
    }

    /** The bytes one connection sends, each request from the start again. */
    Sender sender() {
        return new Sender();
    }

    /** A HEAD request, whose answer has no body whatever its Content-Length says. */
    boolean head() {
        return head;
    }

    /** Whether each request carries a number of its own. */
    boolean numbered() {
        return numbered;
    }

    /** One connection's buffer of the request. */
    final class Sender {
        private final ByteBuffer bytes;
        private int digits = -1;

        private Sender() {
            byte[] all = Arrays.copyOf(prefix, prefix.length + (numbered ? MAX_DIGITS : 0) + suffix.length);
            if (!numbered) {
                System.arraycopy(suffix, 0, all, prefix.length, suffix.length);
            }
            bytes = ByteBuffer.wrap(all);
        }

        /** The request numbered {@code seq} (ignored when not numbered), ready to be written. */
        ByteBuffer request(int seq) {
            if (numbered) {
                byte[] all = bytes.array();
                int n = digits(seq);
                for (int i = prefix.length + n - 1, v = seq; i >= prefix.length; i--, v /= 10) {
                    all[i] = (byte) ('0' + v % 10);
                }
                if (n != digits) { // the rest moves only when the number grows a digit
                    System.arraycopy(suffix, 0, all, prefix.length + n, suffix.length);
                    digits = n;
                }
                bytes.limit(prefix.length + n + suffix.length);
            }
            return bytes.position(0);
        }

        private static int digits(int value) {
            int n = 1;
            for (int v = value; v >= 10; v /= 10) {
                n++;
            }
            return n;
        }
    }
}
