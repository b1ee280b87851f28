package dev.duet.client.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ConnectFailure;
import dev.duet.client.Failure;
import dev.duet.client.bench.ErrorKinds;
import dev.duet.client.count.Run;
import dev.duet.client.http.Http1Socket;
import dev.duet.client.http.ShownUrl;
import dev.duet.client.limits.WallSearch.Verdict;
import dev.duet.common.Digests;
import dev.duet.common.RunHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The requests of one dimension of the HTTP request: a size made into exact bytes on the wire,
 * sent on a connection of its own, numbered in the run, and passed only when the server's JSON
 * echo shows every one of those bytes arrived (the target, each header and its value, the body's
 * length and hash) and the echo is of this very request ({@code X-Duet-Seen}).
 */
final class RequestProbe implements WallSearch.Probe {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The query parameter that lengthens a target. */
    private static final String TARGET_FILL = "limit=";
    /** A header line of the head's filling is at most this long, so no one line meets a line limit first. */
    private static final int FILL_LINE = 1000;

    private final Dimension dimension;
    private final LimitsConfig config;
    private final Run run;

    RequestProbe(Dimension dimension, LimitsConfig config, Run run) {
        this.dimension = dimension;
        this.config = config;
        this.run = run;
    }

    /** A request as sent, and what of it the echo must show. */
    private record Sent(Http1Socket.Request request, int seq, String target, List<String[]> headers, long body) {}

    /** The smallest size this dimension can be made: a request with nothing added. */
    long min() {
        return switch (dimension) {
            case TARGET -> base().length() + TARGET_FILL.length();
            case HEADER_VALUE -> 1;
            case HEADER_SECTION -> fixedHead(0).length() + 2 + minFillLine();
            case HEADER_COUNT -> fixedHeaders() + 1;
            case BODY -> 0;
            case WS_MESSAGE -> throw new IllegalStateException("a WebSocket message is not an HTTP request");
        };
    }

    @Override
    public Verdict at(long size) throws Failure {
        Sent sent = build(size);
        Http1Socket.Answer answer;
        try (Http1Socket socket = Http1Socket.open(config.url(), config.tls(), config.timeout())) {
            // the JSON echo holds the headers twice and the body once: room for all of it
            int keep = (int) Math.min(Integer.MAX_VALUE - 8, 3 * size + (1 << 20));
            answer = socket.exchange(sent.request(), config.timeout(), keep);
        } catch (IOException e) {
            if (ConnectFailure.of(e).isPresent()) {
                throw ConnectFailure.of(e).get().failure(ShownUrl.address(config.url()), config.timeout());
            }
            return Verdict.refused(ErrorKinds.of(e)); // a TLS handshake a hop broke off, say
        }
        if (answer.status() != 0 && answer.status() != 200) {
            return Verdict.refused(Integer.toString(answer.status()));
        }
        if (!answer.whole()) {
            return Verdict.refused(answer.error());
        }
        return arrivedWhole(sent, answer) ? Verdict.PASSED : Verdict.refused("altered");
    }

    /** The request of {@code size} in this dimension. */
    private Sent build(long size) {
        int seq = run.next();
        String target = base() + TARGET_FILL;
        List<String[]> added = new ArrayList<>();
        long body = 0;
        switch (dimension) {
            case TARGET -> target += "a".repeat(Math.toIntExact(size - target.length()));
            case HEADER_VALUE -> added.add(new String[] {"X-Limit-Value", "a".repeat(Math.toIntExact(size))});
            case HEADER_SECTION -> fill(added, size - fixedHead(seq).length() - 2);
            case HEADER_COUNT -> {
                for (long i = fixedHeaders(); i < size; i++) {
                    added.add(new String[] {"X-N" + i, "1"});
                }
            }
            case BODY -> body = size;
            case WS_MESSAGE -> throw new IllegalStateException(dimension.key());
        }
        StringBuilder head = head(dimension == Dimension.BODY ? "POST" : "GET", target, seq);
        for (String[] header : added) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        if (dimension == Dimension.BODY) {
            head.append("Content-Type: application/octet-stream\r\nContent-Length: ")
                    .append(body)
                    .append("\r\n");
        }
        byte[] bytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        return new Sent(new Http1Socket.Request(bytes, body, false), seq, target, added, body);
    }

    /** The head every request of the run has: the line, Host, User-Agent, -H, Accept, its number. */
    private StringBuilder head(String method, String target, int seq) {
        return Http1Socket.head(method, target, config.url(), config.headers())
                .append("Accept: application/json\r\n")
                .append(RunHeaders.RUN)
                .append(": ")
                .append(run.id())
                .append("\r\n")
                .append(RunHeaders.SEQ)
                .append(": ")
                // a fixed width, so the head's size does not move with the number
                .append(String.format(Locale.ROOT, "%06d", seq))
                .append("\r\n");
    }

    private StringBuilder fixedHead(int seq) {
        return head("GET", base() + TARGET_FILL, seq);
    }

    private int fixedHeaders() {
        return (int) fixedHead(0).chars().filter(c -> c == '\n').count() - 1; // lines less the request line
    }

    /** The URL's target, ready for the filling parameter to be appended. */
    private String base() {
        return Http1Socket.target(config.url()) + (config.url().encodedQuery() == null ? "?" : "&");
    }

    /** Header lines of {@code bytes} in all (CRLFs included), none over {@link #FILL_LINE}. */
    private static void fill(List<String[]> added, long bytes) {
        if (bytes <= 0) {
            return;
        }
        int lines = Math.toIntExact((bytes + FILL_LINE - 1) / FILL_LINE);
        long each = bytes / lines;
        long extra = bytes % lines;
        for (int i = 0; i < lines; i++) {
            String name = "X-Pad-" + i;
            long line = each + (i < extra ? 1 : 0);
            added.add(new String[] {name, "a".repeat(Math.toIntExact(line - name.length() - 4))});
        }
    }

    /** The shortest filling line: {@code X-Pad-0: } and its CRLF, with a one-byte value. */
    private static int minFillLine() {
        return "X-Pad-0: a\r\n".length();
    }

    /** Whether the echo is of this request and shows every byte of it that this dimension sized. */
    private boolean arrivedWhole(Sent sent, Http1Socket.Answer answer) {
        RunHeaders.Seen seen =
                answer.header(RunHeaders.SEEN).map(RunHeaders.Seen::parse).orElse(null);
        if (!run.answeredByServer(sent.seq(), seen)) {
            return false; // not the server's answer to this request: a hop's, or a cache's
        }
        JsonNode echo;
        try {
            echo = JSON.readTree(answer.body());
        } catch (IOException e) {
            return false;
        }
        if (!echo.path("target").asText().equals(sent.target())) {
            return false;
        }
        for (String[] header : sent.headers()) {
            if (!received(echo, header)) {
                return false;
            }
        }
        return sent.body() == 0
                || (echo.path("bodyBytes").asLong() == sent.body()
                        && echo.path("bodySha256").asText().equals(Digests.sha256((byte) 'a', sent.body())));
    }

    /** Whether the echo's raw headers hold {@code header}: its name in any case (HTTP/2 and HAProxy lower it), its value exact. */
    private static boolean received(JsonNode echo, String[] header) {
        for (JsonNode pair : echo.path("rawHeaders")) {
            if (pair.path(0).asText().equalsIgnoreCase(header[0])
                    && pair.path(1).asText().equals(header[1])) {
                return true;
            }
        }
        return false;
    }
}
