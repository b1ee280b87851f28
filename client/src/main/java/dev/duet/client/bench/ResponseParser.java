package dev.duet.client.bench;

import dev.duet.common.RunHeaders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads HTTP/1.1 answers as their bytes arrive, in whatever pieces, keeping only what framing
 * needs: the status, where the body ends (Content-Length, chunked, or the connection's close) and
 * whether the connection stays open; and what a Duet server says of the request, for counting at
 * both ends: its own time ({@code Server-Timing}), what it saw ({@code X-Duet-Seen}) and whether
 * it is shutting down ({@code X-Duet-Draining}). Bodies
 * are skipped, not copied; one parser serves one connection for all its requests, so a keep-alive
 * exchange allocates nothing (but the name of a server other than the last one that answered).
 */
final class ResponseParser {
    /** A header line, or a chunk's size line, longer than this is not an answer worth waiting for. */
    private static final int MAX_LINE = 64 * 1024;

    // the keys of X-Duet-Seen's parts
    private static final byte[] RUN_KEY = ascii("run");
    private static final byte[] SEQ_KEY = ascii("seq");
    private static final byte[] COUNT_KEY = ascii("count");
    private static final byte[] SERVER_KEY = ascii("server");

    private enum State {
        STATUS,
        HEADERS,
        BODY,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        UNTIL_CLOSE,
        DONE
    }

    private byte[] line = new byte[512];
    private int lineLength;
    private State state = State.STATUS;
    private boolean head;
    private int status;
    private boolean http10;
    private boolean close;
    private boolean keepAlive10;
    private boolean chunked;
    private long contentLength;
    private long remaining;
    /** The run whose requests this connection sends, as bytes; null when they are not numbered. */
    private final byte[] run;

    private long serverNanos;
    private boolean draining;
    private int seenSeq;
    private int seenCount;
    private boolean seenRun;
    private String server;
    private byte[] serverBytes = new byte[0];

    /** A parser of answers to requests that are not numbered. */
    ResponseParser() {
        this(null);
    }

    /** A parser for answers to requests of {@code run} ({@code X-Duet-Run}), or null for none. */
    ResponseParser(String run) {
        this.run = run == null ? null : run.getBytes(StandardCharsets.US_ASCII);
    }

    /** Ready for the answer to the next request; {@code head}: a HEAD request, whose answer has no body. */
    void reset(boolean head) {
        this.head = head;
        state = State.STATUS;
        lineLength = 0;
        status = 0;
        close = false;
        http10 = false;
        keepAlive10 = false;
        chunked = false;
        contentLength = -1;
        serverNanos = -1;
        draining = false;
        seenSeq = 0;
        seenCount = 0;
        seenRun = false;
    }

    /**
     * Consumes what {@code in} holds of the answer.
     *
     * @return true when the answer is whole
     * @throws IOException when the bytes are not an HTTP/1.x answer
     */
    boolean feed(ByteBuffer in) throws IOException {
        while (in.hasRemaining() && state != State.DONE) {
            switch (state) {
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.remaining());
                    in.position(in.position() + n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == State.BODY ? State.DONE : State.CHUNK_END;
                    }
                }
                case UNTIL_CLOSE -> in.position(in.limit());
                default -> {
                    if (readLine(in)) {
                        onLine();
                        lineLength = 0;
                    }
                }
            }
        }
        return state == State.DONE;
    }

    /**
     * The server closed the connection.
     *
     * @return true when that ends the answer (a body that runs to the close); false when the
     *     answer was cut short
     */
    boolean closed() {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
            return true;
        }
        return state == State.DONE;
    }

    /** True while nothing of an answer has arrived (a closed connection then lost no answer). */
    boolean untouched() {
        return state == State.STATUS && lineLength == 0;
    }

    int status() {
        return status;
    }

    /** The server's own time on the request ({@code Server-Timing: duet;dur=}), or -1 when it said none. */
    long serverNanos() {
        return serverNanos;
    }

    /** True when the answer's {@code X-Duet-Seen} names this parser's run and request {@code seq}. */
    boolean fromServerFor(int seq) {
        return seenRun && seenSeq == seq;
    }

    /** How many times the server had seen the request when it answered; 0 when it did not say. */
    int seenCount() {
        return seenCount;
    }

    /** The server the answer's {@code X-Duet-Seen} names, or null when it named none. */
    String server() {
        return seenCount > 0 ? server : null;
    }

    /** Whether the answer said its server is draining ({@code X-Duet-Draining: true}): shutting down. */
    boolean draining() {
        return draining;
    }

    /** Whether the server will close the connection after this answer. */
    boolean closeAfter() {
        return close || (http10 && !keepAlive10);
    }

    private boolean readLine(ByteBuffer in) throws IOException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength == line.length) {
                if (line.length >= MAX_LINE) {
                    throw new MalformedAnswer("a line of the answer is over " + MAX_LINE / 1024 + " KiB");
                }
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
        return false;
    }

    private void onLine() throws IOException {
        switch (state) {
            case STATUS -> statusLine();
            case HEADERS -> {
                if (lineLength == 0) {
                    headersEnd();
                } else {
                    header();
                }
            }
            case CHUNK_SIZE -> chunkSize();
            case CHUNK_END -> {
                if (lineLength != 0) {
                    throw new MalformedAnswer("a chunk is longer than its size says");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (lineLength == 0) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    // "HTTP/1.1 200 OK": the version and the three digits are all that matter
    private void statusLine() throws IOException {
        if (lineLength < 12
                || !startsWith("HTTP/1.")
                || line[8] != ' '
                || !digit(line[9])
                || !digit(line[10])
                || !digit(line[11])) {
            throw new MalformedAnswer("not an HTTP/1.x status line: "
                    + new String(line, 0, Math.min(lineLength, 80), StandardCharsets.ISO_8859_1));
        }
        http10 = line[7] == '0';
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        state = State.HEADERS;
    }

    private void header() throws IOException {
        int colon = indexOf((byte) ':');
        if (colon <= 0) {
            throw new MalformedAnswer("a header line without a name");
        }
        if (nameIs("content-length", colon)) {
            contentLength = 0;
            int i = skipSpaces(colon + 1);
            int digits = 0;
            for (; i < lineLength && digit(line[i]); i++, digits++) {
                contentLength = contentLength * 10 + (line[i] - '0');
                if (contentLength < 0 || digits > 18) {
                    throw new MalformedAnswer("a Content-Length too large");
                }
            }
            if (digits == 0 || skipSpaces(i) != lineLength) {
                throw new MalformedAnswer("a Content-Length that is not a number");
            }
        } else if (nameIs("transfer-encoding", colon)) {
            chunked = valueContains("chunked", colon);
        } else if (nameIs("connection", colon)) {
            close |= valueContains("close", colon);
            keepAlive10 |= valueContains("keep-alive", colon);
        } else if (nameIs("server-timing", colon)) {
            serverTiming(colon);
        } else if (run != null && nameIs("x-duet-seen", colon)) {
            seen(colon);
        } else if (nameIs("x-duet-draining", colon)) {
            draining = valueContains("true", colon);
        }
    }

    /** {@code duet;dur=12.345}, among any other metrics: milliseconds with up to six decimals. */
    private void serverTiming(int colon) {
        int at = find("duet;dur=", colon + 1);
        if (at < 0 || (at > colon + 1 && line[at - 1] != ' ' && line[at - 1] != ',')) {
            return;
        }
        long micros = 0;
        int i = at + "duet;dur=".length();
        int digits = 0;
        for (; i < lineLength && digit(line[i]) && digits < 12; i++, digits++) {
            micros = micros * 10 + (line[i] - '0');
        }
        micros *= 1000;
        if (i < lineLength && line[i] == '.') {
            long scale = 100;
            for (i++; i < lineLength && digit(line[i]); i++, scale /= 10) {
                micros += (line[i] - '0') * scale;
            }
        }
        if (digits > 0) {
            serverNanos = micros * 1000;
        }
    }

    /**
     * {@code run=ID; seq=N; count=C; server=NAME}, as {@code RunHeaders.Seen} writes it: its parts
     * in one pass, in any order, and any other part passed over (a later server may say more).
     */
    private void seen(int colon) {
        int i = colon + 1;
        while (i < lineLength) {
            int key = skipSpaces(i);
            int end = key;
            int equals = -1;
            for (; end < lineLength && line[end] != ';'; end++) {
                if (equals < 0 && line[end] == '=') {
                    equals = end;
                }
            }
            if (equals > key) {
                int from = skipSpaces(equals + 1);
                int to = Math.max(from, end);
                while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
                    to--;
                }
                seenPart(key, equals - key, from, to);
            }
            i = end + 1;
        }
    }

    /** One {@code key=value} part: the key at {@code key}, the value from {@code from} to {@code to}. */
    private void seenPart(int key, int keyLength, int from, int to) {
        if (keyIs(RUN_KEY, key, keyLength)) {
            seenRun = to - from == run.length && regionIs(run, from);
        } else if (keyIs(SEQ_KEY, key, keyLength)) {
            seenSeq = number(from, to);
        } else if (keyIs(COUNT_KEY, key, keyLength)) {
            seenCount = number(from, to);
        } else if (keyIs(SERVER_KEY, key, keyLength)
                && (to - from != serverBytes.length || !regionIs(serverBytes, from))) {
            serverBytes = java.util.Arrays.copyOfRange(line, from, to);
            server = RunHeaders.decodeName(new String(serverBytes, StandardCharsets.ISO_8859_1));
        }
    }

    private boolean keyIs(byte[] name, int key, int keyLength) {
        return keyLength == name.length && regionIs(name, key);
    }

    /** The decimal from {@code from} to {@code to}, or 0 when it is not one up to 2^31-1. */
    private int number(int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            if (!digit(line[i]) || value > Integer.MAX_VALUE) {
                return 0;
            }
            value = value * 10 + (line[i] - '0');
        }
        return value <= Integer.MAX_VALUE ? (int) value : 0;
    }

    private int find(String ascii, int from) {
        for (int start = from; start + ascii.length() <= lineLength; start++) {
            int i = 0;
            while (i < ascii.length() && line[start + i] == ascii.charAt(i)) {
                i++;
            }
            if (i == ascii.length()) {
                return start;
            }
        }
        return -1;
    }

    private boolean regionIs(byte[] bytes, int at) {
        if (at + bytes.length > lineLength) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (line[at + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private void headersEnd() {
        if (status >= 100 && status < 200 && status != 101) {
            state = State.STATUS; // 100 Continue and the like: the answer itself follows
        } else if (head || status == 204 || status == 304 || status == 101) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.BODY;
        } else {
            close = true;
            state = State.UNTIL_CLOSE;
        }
    }

    private void chunkSize() throws IOException {
        long size = 0;
        int i = 0;
        for (; i < lineLength && hex(line[i]) >= 0; i++) {
            size = size * 16 + hex(line[i]);
            if (i > 14) {
                throw new MalformedAnswer("a chunk size too large");
            }
        }
        if (i == 0 || (i < lineLength && line[i] != ';' && line[i] != ' ' && line[i] != '\t')) {
            throw new MalformedAnswer("a chunk size that is not hexadecimal");
        }
        remaining = size;
        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
    }

    private boolean startsWith(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (line[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean nameIs(String lowerName, int colon) {
        if (colon != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            if (lower(line[i]) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean valueContains(String lowerWord, int colon) {
        int n = lowerWord.length();
        for (int start = colon + 1; start + n <= lineLength; start++) {
            int i = 0;
            while (i < n && lower(line[start + i]) == lowerWord.charAt(i)) {
                i++;
            }
            if (i == n) {
                return true;
            }
        }
        return false;
    }

    private int indexOf(byte b) {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private int skipSpaces(int i) {
        while (i < lineLength && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int c = b | 0x20;
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b | 0x20 : b;
    }
}
