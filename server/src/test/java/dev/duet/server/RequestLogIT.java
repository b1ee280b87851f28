package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.common.Digests;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole request in the server's log, as {@code docker logs} shows it: with {@code
 * --log-headers} and {@code --log-body BYTES} (set here by their variables, as a compose file sets
 * them), each access line carries the headers and the start of the body, escaped, credentials
 * redacted, in text and in JSON.
 */
class RequestLogIT {
    /** What the client sends: a tab and quotes in a header, control bytes and bytes that are not UTF-8 in the body. */
    private static final byte[] BODY = "line1\nline2\u0000bin\"ary and more after".getBytes(StandardCharsets.UTF_8);

    private static void send(int port) throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /form?a=1 HTTP/1.1\r\nHost: echo.test\r\nAuthorization: Bearer s3cret-token\r\n"
                        + "Cookie: id=42\r\nX-Api-Key: k-123\r\nX-Note: say \"hi\"\tthere\r\nConnection: close\r\n"
                        + "Content-Length: " + (BODY.length + 2) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(BODY);
        request.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.toByteArray());
            socket.getInputStream().readAllBytes();
        }
    }

    private static String sha256() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(BODY);
        all.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
        return Digests.sha256(all.toByteArray());
    }

    @Test
    void textLinesCarryTheHeadersAndTheBodysStartEscapedAndRedacted() throws Exception {
        try (JarProcess p = JarProcess.startWith(
                Map.of("DUET_LOG_HEADERS", "true", "DUET_LOG_BODY", "16", "DUET_LOG_REDACT", "X-Api-Key"),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--admin-port",
                "off")) {
            send(p.awaitPort());
            String line = p.awaitLine(l -> l.contains(" access - POST /form?a=1 200 "), Duration.ofSeconds(10));
            String detail = line.substring(line.indexOf("ms headers: ") + 3);
            assertEquals(
                    "headers: Host=\"echo.test\" Authorization=\"<redacted: 19 bytes>\" Cookie=\"<redacted: 5 bytes>\""
                            + " X-Api-Key=\"<redacted: 5 bytes>\" X-Note=\"say \\\"hi\\\"\\tthere\""
                            + " Connection=\"close\" Content-Length=\"" + (BODY.length + 2) + "\""
                            + " body: " + (BODY.length + 2) + " bytes sha256=" + sha256()
                            + " \"line1\\nline2\\x00bin\\\"\"...",
                    detail);
            assertFalse(line.contains("s3cret") || line.contains("k-123"), line);
        }
    }

    @Test
    void jsonLinesGiveEachHeaderAsAFieldAndTheBodyAsAnObject() throws Exception {
        try (JarProcess p = JarProcess.start(
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--admin-port",
                "off",
                "--log-format",
                "json",
                "--log-headers",
                "--log-body",
                "1KiB")) {
            int port = new ObjectMapper()
                    .readTree(p.awaitLine(l -> l.contains("listening on"), Duration.ofSeconds(20)))
                    .get("message")
                    .asText()
                    .replaceAll(".*:(\\d+) \\(try.*", "$1")
                    .transform(Integer::parseInt);
            send(port);
            String line = p.awaitLine(l -> l.contains("\"logger\":\"access\""), Duration.ofSeconds(10));
            JsonNode access = new ObjectMapper().readTree(line);
            JsonNode headers = access.get("headers");
            assertEquals("echo.test", headers.get("host").asText());
            assertEquals("<redacted: 19 bytes>", headers.get("authorization").asText());
            assertEquals("<redacted: 5 bytes>", headers.get("cookie").asText());
            assertEquals("k-123", headers.get("x-api-key").asText(), "not among the credentials");
            assertEquals("say \"hi\"\tthere", headers.get("x-note").asText());
            JsonNode body = access.get("body");
            assertEquals(BODY.length + 2, body.get("bytes").asInt());
            assertEquals(sha256(), body.get("sha256").asText());
            assertEquals(
                    "line1\\nline2\\x00bin\"ary and more after\\xff\\xfe",
                    body.get("text").asText());
            assertFalse(body.get("truncated").asBoolean());
            assertTrue(line.chars().noneMatch(c -> c < 0x20), "one line: " + line);
        }
    }

    @Test
    void redactionCanBeTurnedOff() throws Exception {
        try (JarProcess p = JarProcess.start(
                "--host", "127.0.0.1", "--port", "0", "--admin-port", "off", "--log-headers", "--log-redact", "none")) {
            send(p.awaitPort());
            String line = p.awaitLine(l -> l.contains(" access - POST "), Duration.ofSeconds(10));
            assertTrue(line.contains(" Authorization=\"Bearer s3cret-token\" Cookie=\"id=42\" "), line);
            assertFalse(line.contains(" body: "), "no --log-body, no body: " + line);
        }
    }
}
