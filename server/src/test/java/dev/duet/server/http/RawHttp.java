package dev.duet.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Sends bytes the way a hand-written client would and reads the whole answer until the server closes. */
final class RawHttp {
    private RawHttp() {}

    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A request with the given method and raw target bytes, closing the connection after the answer. */
    static Answer request(int port, String method, byte[] target, String... extraHeaders) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(target);
        StringBuilder rest = new StringBuilder(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String header : extraHeaders) {
            rest.append(header).append("\r\n");
        }
        request.writeBytes(rest.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        return exchange(port, request.toByteArray());
    }

    static Answer request(int port, String method, String target, String... extraHeaders) throws IOException {
        return request(port, method, target.getBytes(StandardCharsets.UTF_8), extraHeaders);
    }

    static Answer exchange(int port, byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    static Answer parse(byte[] raw) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + all);
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Answer(status, headers, "chunked".equals(headers.get("transfer-encoding")) ? dechunk(body) : body);
    }

    /** The bytes a chunked body carries, its chunk sizes taken out. */
    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int eol = indexOf(chunked, at);
            if (eol < 0) {
                throw new IOException("a chunked body cut short");
            }
            String size = new String(chunked, at, eol - at, StandardCharsets.US_ASCII);
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(chunked, eol + 2, length);
            at = eol + 2 + length + 2;
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
