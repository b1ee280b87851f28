package dev.duet.client.http;

import dev.duet.client.Failure;
import dev.duet.client.bench.ErrorKinds;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;

/**
 * One HTTP/1.1 connection on a blocking socket (TLS for https), whose requests go out byte for
 * byte as given and whose answers are read as they arrive, however they end. For the commands
 * that test the path itself ({@code faults}, {@code limits}): a general-purpose client adds
 * headers of its own, retries, stops writing a body at the first error and loses the answer that
 * caused it, and hides how a connection ended; here every byte sent is known and every end is
 * told apart: an answer, the connection closed, reset, timed out, or an answer cut short.
 */
public final class Http1Socket implements Closeable {
    /** An answer's head larger than this is not an answer worth waiting for. */
    private static final int MAX_HEAD = 1 << 20;
    /** Requests up to this size go out before the answer is read; larger ones alongside it. */
    private static final int WRITTEN_FIRST = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean reusable = true;

    private Http1Socket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to {@code url}'s host and port, over TLS for https (SNI and the certificate checked
     * as {@code tls} says). A connection that cannot be made throws the JDK's exception, which
     * {@link dev.duet.client.ConnectFailure} classifies.
     */
    public static Http1Socket open(HttpUrl url, ClientTls tls, Duration timeout) throws IOException, Failure {
        InetSocketAddress address = new InetSocketAddress(url.host(), url.port());
        if (address.isUnresolved()) {
            throw new Failure(Failure.Kind.UNKNOWN_HOST, "unknown host: " + url.host());
        }
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(address, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (!url.isHttps()) {
                return new Http1Socket(plain);
            }
            Socket secure = tls.layer(plain, url.host(), new MissingClientCertificate());
            secure.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            ((javax.net.ssl.SSLSocket) secure).startHandshake();
            return new Http1Socket(secure);
        } catch (IOException | Failure | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** The Host header for {@code url}: its host (an IPv6 address in brackets) and a port not its scheme's. */
    public static String host(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }

    /**
     * The start of a request's head, as curl begins one: the request line, {@code Host} (unless
     * {@code headers} has one), {@code User-Agent}, then {@code headers}. The caller adds its own
     * headers and the blank line.
     */
    public static StringBuilder head(String method, String target, HttpUrl url, List<RequestHeader> headers) {
        StringBuilder head =
                new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Host"))) {
            head.append("Host: ").append(host(url)).append("\r\n");
        }
        head.append("User-Agent: duet-client\r\n");
        for (RequestHeader header : headers) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        return head;
    }

    /** The request target of {@code url}: its path and query, as encoded. */
    public static String target(HttpUrl url) {
        return url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
    }

    /**
     * A request as it goes on the wire.
     *
     * @param head       the request line, the headers and the blank line after them
     * @param bodyLength a body of this many bytes of {@code a} follows the head
     * @param headMethod a HEAD request, whose answer has no body whatever its headers say
     */
    public record Request(byte[] head, long bodyLength, boolean headMethod) {
        public static Request of(String head) {
            return new Request(head.getBytes(StandardCharsets.ISO_8859_1), 0, head.startsWith("HEAD "));
        }
    }

    /**
     * How an exchange ended.
     *
     * @param status     the answer's status; 0 when no status line came
     * @param headers    the answer's header fields as [name, value], in order
     * @param body       the body's first bytes, up to what the exchange asked to keep
     * @param bodyBytes  how many bytes of body arrived
     * @param error      null for a whole answer; else what ended it, as {@code bench} counts it:
     *     {@code closed} (no answer), {@code partial} (the body cut short), {@code reset},
     *     {@code timeout}, {@code bad answer}
     * @param nanos      from the request's first byte to the answer's last, or to the failure
     */
    public record Answer(int status, List<String[]> headers, byte[] body, long bodyBytes, String error, long nanos) {
        /** The first value of header {@code name} (case ignored), if any. */
        public Optional<String> header(String name) {
            return firstValue(headers, name);
        }

        public boolean whole() {
            return error == null;
        }
    }

    /**
     * Sends {@code request} and reads its answer, within {@code timeout} from the first byte sent;
     * a large body is written while the answer is read, so an early refusal (413 before the body
     * is in) is read as the answer it is. The connection is left open only after a whole answer
     * that did not close it: see {@link #reusable()}.
     *
     * @param keep how many bytes of the body to keep in the answer; the rest are counted
     */
    public Answer exchange(Request request, Duration timeout, int keep) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        Thread writer = null;
        try {
            if (request.head().length + request.bodyLength() <= WRITTEN_FIRST) {
                write(request);
            } else {
                writer = new Thread(
                        () -> {
                            try {
                                write(request);
                            } catch (IOException e) {
                                writeFailure.set(e);
                            }
                        },
                        "duet-request-writer");
                writer.setDaemon(true);
                writer.start();
            }
        } catch (IOException e) {
            // the server may have answered before it stopped reading: what it said is read below
            writeFailure.set(e);
        }
        Reader reader = new Reader(deadline, keep);
        Answer answer = reader.read(request.headMethod(), start);
        if (answer.status() == 0 && answer.error() != null && writeFailure.get() != null) {
            answer = reader.failed(writeFailure.get(), start); // nothing read: the write says why
        }
        if (!answer.whole() || closesAfter(answer)) {
            reusable = false;
        }
        if (writer != null && writer.isAlive()) {
            reusable = false; // answered before the body was all sent: the connection is spent
            closeQuietly();
        }
        return answer;
    }

    /** Whether the last exchange left the connection fit for another request. */
    public boolean reusable() {
        return reusable && !socket.isClosed();
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to lose
        }
    }

    private void write(Request request) throws IOException {
        out.write(request.head());
        byte[] filler = new byte[(int) Math.min(64 * 1024, Math.max(1, request.bodyLength()))];
        Arrays.fill(filler, (byte) 'a');
        for (long left = request.bodyLength(); left > 0; ) {
            int n = (int) Math.min(left, filler.length);
            out.write(filler, 0, n);
            left -= n;
        }
        out.flush();
    }

    private static Optional<String> firstValue(List<String[]> headers, String name) {
        for (String[] field : headers) {
            if (field[0].equalsIgnoreCase(name)) {
                return Optional.of(field[1]);
            }
        }
        return Optional.empty();
    }

    private static boolean closesAfter(Answer answer) {
        return answer.header("Connection")
                .map(v -> v.toLowerCase(Locale.ROOT).contains("close"))
                .orElse(false);
    }

    /** One answer read off the socket: its head, then its body framed as the head says. */
    private final class Reader {
        private final long deadline;
        private final int keep;
        private final byte[] buffer = new byte[16 * 1024];
        private int at;
        private int end;
        private int status;
        private final List<String[]> headers = new ArrayList<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long bodyBytes;

        Reader(long deadline, int keep) {
            this.deadline = deadline;
            this.keep = keep;
        }

        Answer read(boolean headMethod, long start) {
            try {
                do {
                    head();
                } while (status >= 100 && status < 200 && status != 101); // 100 Continue: the answer follows
                body(headMethod);
                return answer(null, start);
            } catch (IOException e) {
                return failed(e, start);
            }
        }

        Answer failed(IOException e, long start) {
            String kind = e instanceof BadAnswer ? ErrorKinds.BAD_ANSWER : ErrorKinds.of(e);
            if (kind.equals(ErrorKinds.CLOSED) || kind.equals("other")) {
                kind = status == 0 ? ErrorKinds.CLOSED : ErrorKinds.PARTIAL; // the end of the stream, early
            }
            return answer(kind, start);
        }

        private Answer answer(String error, long start) {
            return new Answer(
                    status, List.copyOf(headers), kept.toByteArray(), bodyBytes, error, System.nanoTime() - start);
        }

        private void head() throws IOException {
            headers.clear();
            String statusLine = line();
            boolean valid = statusLine.length() >= 12
                    && statusLine.startsWith("HTTP/1.")
                    && statusLine.charAt(8) == ' '
                    && (statusLine.length() == 12 || statusLine.charAt(12) == ' ');
            for (int i = 9; valid && i < 12; i++) {
                valid = Character.isDigit(statusLine.charAt(i));
            }
            if (!valid) {
                throw new BadAnswer("not an HTTP/1.x status line");
            }
            status = Integer.parseInt(statusLine.substring(9, 12));
            int size = statusLine.length();
            for (String line = line(); !line.isEmpty(); line = line()) {
                size += line.length() + 2;
                if (size > MAX_HEAD) {
                    throw new BadAnswer("an answer's head over " + (MAX_HEAD >> 20) + " MiB");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new BadAnswer("a header line without a name");
                }
                headers.add(new String[] {
                    line.substring(0, colon).trim(), line.substring(colon + 1).trim()
                });
            }
        }

        private void body(boolean headMethod) throws IOException {
            if (headMethod || status == 204 || status == 304 || status == 101) {
                return;
            }
            Optional<String> encoding = header("Transfer-Encoding");
            Optional<String> length = header("Content-Length");
            if (encoding.isPresent() && encoding.get().toLowerCase(Locale.ROOT).contains("chunked")) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    take(size);
                    if (!line().isEmpty()) {
                        throw new BadAnswer("a chunk longer than its size");
                    }
                }
                while (!line().isEmpty()) {
                    // trailers: read, not kept
                }
            } else if (length.isPresent()) {
                try {
                    take(Long.parseLong(length.get()));
                } catch (NumberFormatException e) {
                    throw new BadAnswer("a Content-Length that is not a number");
                }
            } else {
                reusable = false; // the body runs to the close
                keep(end - at);
                while (fill()) {
                    keep(end - at);
                }
            }
        }

        private Optional<String> header(String name) {
            return firstValue(headers, name);
        }

        private long chunkSize() throws IOException {
            String line = line();
            int stop = 0;
            while (stop < line.length() && Character.digit(line.charAt(stop), 16) >= 0) {
                stop++;
            }
            if (stop == 0 || stop > 15) {
                throw new BadAnswer("a chunk size that is not hexadecimal");
            }
            return Long.parseLong(line.substring(0, stop), 16);
        }

        /** Reads {@code size} bytes of body: kept up to the limit, counted in any case. */
        private void take(long size) throws IOException {
            for (long left = size; left > 0; ) {
                if (at == end && !fill()) {
                    throw new EOFException("the body ended " + left + " bytes short");
                }
                int n = (int) Math.min(left, end - at);
                keep(n);
                left -= n;
            }
        }

        private void keep(int n) {
            int kept = (int) Math.min(n, Math.max(0, keep - this.kept.size()));
            this.kept.write(buffer, at, kept);
            bodyBytes += n;
            at += n;
        }

        /** A line of the head, without its CRLF; bytes taken as ISO-8859-1, as HTTP's are. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (at == end && !fill()) {
                    throw new EOFException();
                }
                char c = (char) (buffer[at++] & 0xff);
                if (c == '\n') {
                    int length = line.length();
                    return length > 0 && line.charAt(length - 1) == '\r'
                            ? line.substring(0, length - 1)
                            : line.toString();
                }
                if (line.length() > MAX_HEAD) {
                    throw new BadAnswer("a line of the answer over " + (MAX_HEAD >> 20) + " MiB");
                }
                line.append(c);
            }
        }

        /** More bytes into the buffer; false at the end of the stream. */
        private boolean fill() throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new InterruptedIOException("no whole answer in time");
            }
            // rounded up: a timeout rounded down would give up before the deadline
            long millis = (left + 999_999) / 1_000_000;
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
            int n = in.read(buffer);
            if (n < 0) {
                return false;
            }
            at = 0;
            end = n;
            return true;
        }
    }

    /** Bytes that are not an HTTP/1.x answer. */
    private static final class BadAnswer extends IOException {
        BadAnswer(String message) {
            super(message);
        }
    }
}
