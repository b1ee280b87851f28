package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * What the client does with answers real and odd servers give: it streams any body through in
 * constant memory, never lets the network drive the terminal, keeps secrets out of its output, and
 * says what went wrong with curl's codes.
 */
class AnswerHandlingTest {
    @Test
    void aMalformedStatusLineIsEscapedOnTheTerminalAndExits8() throws Exception {
        try (RawServer server = RawServer.answering("HTTP/1.1 2\u001b[2J\u0000 OK\r\n\r\n")) {
            ClientRun.Result r = ClientRun.run(server.address() + "/x");
            assertEquals(8, r.exitCode(), r.err());
            assertEquals("", r.out());
            assertEquals(
                    "duet-client: the answer from " + server.address()
                            + " is not HTTP: unexpected status line: HTTP/1.1 2\\x1b[2J\\x00 OK\n",
                    r.err());
        }
    }

    @Test
    void jsonFieldsFromTheNetworkAreEscapedToo() throws Exception {
        try (RawServer server = RawServer.answering(
                "HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\n\u001b[2J\u0085\u00c2\u009b!")) {
            ClientRun.Result r = ClientRun.run(server.address() + "/x", "--json");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().chars().noneMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f), r.out());
            JsonNode line = new ObjectMapper().readTree(r.out());
            assertEquals(200, line.get("statusCode").asInt());
        }
    }

    @Test
    void aPasswordInTheUrlIsSentAsBasicAuthAndNeverShown() throws Exception {
        try (RawServer server =
                RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")) {
            ClientRun.Result r = ClientRun.run("http://ann:s3cret@" + server.address() + "/private", "--json");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(
                    server.requestHead()
                            .contains("\r\nAuthorization: Basic "
                                    + Base64.getEncoder().encodeToString("ann:s3cret".getBytes(StandardCharsets.UTF_8))
                                    + "\r\n"),
                    server.requestHead());
            assertFalse(r.out().contains("s3cret"), r.out());
            assertEquals(
                    "http://ann:***@" + server.address() + "/private",
                    new ObjectMapper().readTree(r.out()).get("url").asText());
        }
    }

    @Test
    void aPasswordIsNeitherInAFailedRunsJsonNorInTheMalformedUrlMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClientRun.Result refused = ClientRun.run("http://ann:s3cret@127.0.0.1:" + port + "/x", "--json");
        assertEquals(7, refused.exitCode());
        assertFalse((refused.out() + refused.err()).contains("s3cret"), refused.out() + refused.err());
        assertEquals(
                "http://ann:***@127.0.0.1:" + port + "/x",
                new ObjectMapper().readTree(refused.out()).get("url").asText());

        ClientRun.Result malformed = ClientRun.run("http://ann:s3cret@host:99999/x");
        assertEquals(
                new ClientRun.Result(
                        3, "", "duet-client: not a valid http or https URL: \"http://ann:***@host:99999/x\"\n"),
                malformed);
    }

    @Test
    void headersOverTheClientsLimitAreReportedAsSuch() throws Exception {
        try (RawServer server = RawServer.answering(
                "HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(300 * 1024) + "\r\nContent-Length: 0\r\n\r\n")) {
            ClientRun.Result r = ClientRun.run(server.address() + "/x");
            assertEquals(
                    new ClientRun.Result(
                            56,
                            "",
                            "duet-client: the answer from " + server.address()
                                    + " has headers over the client's limit (256 KiB)\n"),
                    r);
        }
    }

    @Test
    void a304WithContentLengthDoesNotWaitForABody() throws Exception {
        try (RawServer server = new RawServer(out -> {
            out.write("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\nETag: \"a\"\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(30_000); // holds the connection open: a client waiting for 5 bytes would hang
        })) {
            ClientRun.Result r = ClientRun.run(server.address() + "/cached", "--timeout", "5s");
            assertEquals(new ClientRun.Result(0, "statusCode: 304\n", ""), r);
        }
    }

    @Test
    void anUntrustedCertificateExits60() throws Exception {
        try (SelfSignedServer server = SelfSignedServer.start()) {
            ClientRun.Result r = ClientRun.run("https://127.0.0.1:" + server.port() + "/x");
            assertEquals(60, r.exitCode(), r.err());
            assertTrue(
                    r.err()
                            .startsWith(
                                    "duet-client: the certificate of 127.0.0.1:" + server.port() + " is not trusted: "),
                    r.err());
        }
    }
}
