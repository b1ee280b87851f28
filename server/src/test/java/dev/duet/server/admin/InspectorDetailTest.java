package dev.duet.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.common.Await;
import dev.duet.common.Digests;
import dev.duet.server.EchoWithAdmin;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /requests/ID} on the control plane: one request as the inspector keeps it, with the
 * headers and body the access log keeps, redacted as the log redacts them; a real echo, a raw
 * client and the JDK's HTTP client.
 */
class InspectorDetailTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final String BODY = "0123456789abcdef";

    @Test
    void oneRequestInDetailHasItsHeadersRedactedAndTheStartOfItsBody() throws Exception {
        try (EchoWithAdmin servers = EchoWithAdmin.start(
                "detail-1",
                AdminToken.NONE,
                "--quiet",
                "--log-headers",
                "--log-body",
                "8",
                "--log-redact",
                "X-Api-Key")) {
            post(servers, "Authorization: Bearer secret-token\r\nX-Api-Key: k-123\r\nX-Note: <b>hi</b>\r\n");
            JsonNode detail = JSON.readTree(detail(servers, "1").body());

            assertEquals(1, detail.get("id").asInt());
            assertEquals("POST", detail.get("method").asText());
            assertEquals("/form?a=1", detail.get("target").asText());
            assertEquals(200, detail.get("status").asInt());
            assertEquals("/form?a=1".length(), detail.get("bytes").asLong());
            assertTrue(detail.get("caller").asText().startsWith("127.0.0.1:"), detail.toString());
            assertEquals(
                    "[[\"Host\",\"x\"],[\"Connection\",\"close\"],"
                            + "[\"Authorization\",\"<redacted: 19 bytes>\"],[\"X-Api-Key\",\"<redacted: 5 bytes>\"],"
                            + "[\"X-Note\",\"<b>hi</b>\"],[\"Content-Length\",\"16\"]]",
                    detail.get("headers").toString());
            assertEquals(
                    "{\"bytes\":16,\"sha256\":\"" + Digests.sha256(BODY.getBytes(StandardCharsets.US_ASCII))
                            + "\",\"text\":\"01234567\",\"truncated\":true}",
                    detail.get("body").toString());
        }
    }

    @Test
    void withoutLogHeadersOrLogBodyTheDetailIsTheLineAlone() throws Exception {
        try (EchoWithAdmin servers = EchoWithAdmin.start("detail-2", AdminToken.NONE, "--quiet")) {
            post(servers, "Authorization: Bearer secret-token\r\n");
            JsonNode detail = JSON.readTree(detail(servers, "1").body());
            assertEquals("/form?a=1", detail.get("target").asText());
            assertTrue(detail.get("headers").isNull(), detail.toString());
            assertTrue(detail.get("body").isNull(), detail.toString());
        }
    }

    @Test
    void aRequestNotKeptIsA404ThatSaysWhy() throws Exception {
        try (EchoWithAdmin servers = EchoWithAdmin.start("detail-3", AdminToken.NONE, "--quiet")) {
            HttpResponse<String> none = get(servers, "/requests/7");
            assertEquals(404, none.statusCode());
            assertEquals("request 7 is not kept: the inspector keeps the last 100\n", none.body());
            HttpResponse<String> word = get(servers, "/requests/latest");
            assertEquals(404, word.statusCode());
            assertEquals("no such request: the inspector numbers them 1, 2, 3 ...\n", word.body());
        }
    }

    /** A POST of {@link #BODY} with these extra header lines, as a raw client sends it. */
    private static void post(EchoWithAdmin servers, String headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", servers.echo().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /form?a=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + "Content-Length: "
                                    + BODY.length() + "\r\n\r\n" + BODY)
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
        }
    }

    /** The request's detail once the inspector has it: it is told off the echo path, just after the answer. */
    private static HttpResponse<String> detail(EchoWithAdmin servers, String id) throws Exception {
        HttpResponse<String> found = Await.until(
                "request " + id + " in the inspector",
                Duration.ofSeconds(10),
                () -> get(servers, "/requests/" + id),
                r -> r.statusCode() == 200);
        assertEquals("no-store", found.headers().firstValue("Cache-Control").orElse(""));
        return found;
    }

    private static HttpResponse<String> get(EchoWithAdmin servers, String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + servers.admin().port() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
