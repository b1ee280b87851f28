package dev.duet.common;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The headers by which the client and the server count a run's requests at both ends, so that
 * what the path between them retried, dropped or answered itself shows (docs/between.md):
 *
 * <pre>
 * X-Duet-Run: 4f9c2e7a01b3d5e8     request: the run's id, fresh for every run of the client
 * X-Duet-Seq: 12                   request: its number in the run, from 1
 * X-Duet-Seen: run=4f9c2e7a01b3d5e8; seq=12; count=1; server=web-1
 *                                  answer: how many times the server has seen that request
 * X-Duet-Tally: 4f9c2e7a01b3d5e8   request: answer with what the server saw of the run, as JSON
 * X-Duet-Draining: true            answer: the server is shutting down (SIGTERM came), and closes
 *                                  the connection after this answer: the next one goes elsewhere
 * </pre>
 *
 * An answer without {@code X-Duet-Seen}, or with another run or number in it, did not come from
 * the server for that request: a cache or a hop answered it.
 */
public final class RunHeaders {
    public static final String RUN = "X-Duet-Run";
    public static final String SEQ = "X-Duet-Seq";
    public static final String SEEN = "X-Duet-Seen";
    public static final String TALLY = "X-Duet-Tally";
    /**
     * The query parameter of a tally's GET, which makes its URL unique (no cache holds an answer
     * for it); the server's query controls ({@code duet-status=...}) leave it alone.
     */
    public static final String TALLY_QUERY = "duet-tally";

    public static final String DRAINING = "X-Duet-Draining";

    /** The longest run id accepted: 64 characters of {@code [A-Za-z0-9_-]}. */
    public static final int MAX_RUN_LENGTH = 64;

    private RunHeaders() {}

    /** True when {@code run} is 1 to 64 letters, digits, '-' or '_'. */
    public static boolean isRunId(String run) {
        if (run.isEmpty() || run.length() > MAX_RUN_LENGTH) {
            return false;
        }
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A request's number: a decimal from 1 to {@link Integer#MAX_VALUE}.
     *
     * @return the number, or -1 when {@code text} is not one
     */
    public static int parseSeq(String text) {
        if (text.isEmpty() || text.length() > 10) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value >= 1 && value <= Integer.MAX_VALUE ? (int) value : -1;
    }

    /**
     * What the server says of one request it saw.
     *
     * @param count  how many times the server has seen this run's request {@code seq}, this one included
     * @param server the answering instance's name
     */
    public record Seen(String run, int seq, int count, String server) {
        /** The header's value; the server name percent-encoded outside {@code [A-Za-z0-9._~-]}. */
        public String format() {
            return seen(run, seq, count, encodeName(server));
        }

        /**
         * Reads a header's value.
         *
         * @return null when it is not one this class writes
         */
        public static Seen parse(String value) {
            String run = null;
            String server = null;
            int seq = -1;
            int count = -1;
            for (String part : value.split(";")) {
                int equals = part.indexOf('=');
                if (equals < 0) {
                    return null;
                }
                String key = part.substring(0, equals).trim();
                String text = part.substring(equals + 1).trim();
                switch (key) {
                    case "run" -> run = text;
                    case "seq" -> seq = parseSeq(text);
                    case "count" -> count = parseSeq(text);
                    case "server" -> server = decodeName(text);
                    default -> {
                        // a later server may say more: what this one knows still stands
                    }
                }
            }
            return run == null || server == null || seq < 1 || count < 1 ? null : new Seen(run, seq, count, server);
        }
    }

    /** {@code X-Duet-Seen}'s value, from a server name {@link #encodeName} encoded once for all. */
    public static String seen(String run, int seq, int count, String encodedServer) {
        // a string concatenation sizes its one array exactly: it is made for every counted answer
        return "run=" + run + "; seq=" + seq + "; count=" + count + "; server=" + encodedServer;
    }

    private static final String HEX = "0123456789ABCDEF";

    /** A server name as X-Duet-Seen carries it: percent-encoded outside {@code [A-Za-z0-9._~-]}. */
    public static String encodeName(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ".-_~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return out.toString();
    }

    /** A server name as {@link Seen#format} wrote it: percent-decoded, as UTF-8. */
    public static String decodeName(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int hi;
            int lo;
            if (c == '%'
                    && i + 2 < text.length()
                    && (hi = Character.digit(text.charAt(i + 1), 16)) >= 0
                    && (lo = Character.digit(text.charAt(i + 2), 16)) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
