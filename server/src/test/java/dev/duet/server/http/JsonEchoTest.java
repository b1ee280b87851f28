package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.server.ServerIdentity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With Accept: application/json the answer describes the whole request and who answered it. */
class JsonEchoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer();

    private static RawHttp.Answer post(byte[] body, String target, String accept) throws Exception {
        byte[] head = ("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
                        + "\r\nX-Twice: one\r\nX-Twice: two\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return RawHttp.exchange(server.port(), request);
    }

    @Test
    void describesMethodTargetPathQueryHeadersAndBody() throws Exception {
        RawHttp.Answer answer =
                post("hi there".getBytes(StandardCharsets.UTF_8), "/j/%7Ex?a=1&a=2&b=%C3%A9&flag", "application/json");
        assertEquals(200, answer.status());
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        JsonNode doc = JSON.readTree(answer.body());
        assertEquals("POST", doc.get("method").asText());
        assertEquals("/j/%7Ex?a=1&a=2&b=%C3%A9&flag", doc.get("target").asText());
        assertEquals("/j/%7Ex", doc.get("path").asText());
        assertEquals("[\"1\",\"2\"]", doc.get("query").get("a").toString());
        assertEquals("[\"é\"]", doc.get("query").get("b").toString());
        assertEquals("[\"\"]", doc.get("query").get("flag").toString());
        assertEquals("[\"one\",\"two\"]", doc.get("headers").get("X-Twice").toString());
        assertEquals("hi there", doc.get("body").asText());
        assertEquals("utf-8", doc.get("bodyEncoding").asText());
    }

    @Test
    void namesTheCallerAndWhoAnswered() throws Exception {
        JsonNode doc =
                JSON.readTree(post(new byte[0], "/who", "application/json").body());
        assertEquals("127.0.0.1", doc.get("client").get("address").asText());
        assertTrue(doc.get("client").get("port").asInt() > 0);
        assertEquals(
                ServerIdentity.ofThisHost().hostname(),
                doc.get("server").get("hostname").asText());
        // without --name, the instance is named after its host
        assertEquals(
                doc.get("server").get("hostname").asText(),
                doc.get("server").get("name").asText());
        assertTrue(doc.get("server").get("addresses").toString().contains("\"127.0.0.1\""));
        assertEquals("127.0.0.1", doc.get("server").get("address").asText());
        assertEquals(server.port(), doc.get("server").get("port").asInt());
    }

    @Test
    void aBodyThatIsNotUtf8IsBase64() throws Exception {
        byte[] binary = {(byte) 0xff, 0x00, (byte) 0xc3, 0x28};
        JsonNode doc = JSON.readTree(post(binary, "/bin", "application/json").body());
        assertEquals("base64", doc.get("bodyEncoding").asText());
        assertEquals(Base64.getEncoder().encodeToString(binary), doc.get("body").asText());
    }

    @Test
    void rawHeadersKeepTheOrderAndCaseTheyArrivedIn() throws Exception {
        // names HTTP defines come in the spelling Jetty's parser gives them: it knows them all
        byte[] request = ("GET /raw HTTP/1.1\r\nhost: x\r\nUSER-AGENT: Shouty/1\r\nx-b: 2\r\nX-A: 1\r\nx-b: 3\r\n"
                        + "accept: application/json\r\nCONNECTION: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        JsonNode doc = JSON.readTree(RawHttp.exchange(server.port(), request).body());
        assertEquals(
                "[[\"Host\",\"x\"],[\"User-Agent\",\"Shouty/1\"],[\"x-b\",\"2\"],[\"X-A\",\"1\"],[\"x-b\",\"3\"],"
                        + "[\"Accept\",\"application/json\"],[\"Connection\",\"close\"]]",
                doc.get("rawHeaders").toString());
        assertEquals("[\"2\",\"3\"]", doc.get("headers").get("x-b").toString());
        assertEquals(
                "[\"Host\",\"User-Agent\",\"Accept\",\"Connection\"]",
                doc.get("caseUnknown").toString());
    }

    @Test
    void valuesAreEchoedAsSentEvenWhereTheParserKnowsACommonSpelling() throws Exception {
        byte[] request = ("GET /v HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nConnection: Keep-Alive\r\n"
                        + "Accept-Encoding: GZIP\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(request);
            socket.shutdownOutput();
            socket.setSoTimeout(10_000);
            RawHttp.Answer answer = RawHttp.parse(socket.getInputStream().readAllBytes());
            assertEquals("gzip", answer.header("Content-Encoding"), "GZIP accepted, whatever its case");
            JsonNode doc = JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(answer.body())));
            assertEquals(
                    "[\"Keep-Alive\"]", doc.get("headers").get("Connection").toString());
            assertEquals("[\"GZIP\"]", doc.get("headers").get("Accept-Encoding").toString());
        }
    }

    @Test
    void theBodyIsMeasuredAndHashed() throws Exception {
        JsonNode doc = JSON.readTree(post("abc".getBytes(StandardCharsets.UTF_8), "/h", "application/json")
                .body());
        assertEquals(3, doc.get("bodyBytes").asInt());
        // sha256("abc"), as sha256sum prints it
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                doc.get("bodySha256").asText());
        JsonNode empty =
                JSON.readTree(post(new byte[0], "/h", "application/json").body());
        assertEquals(0, empty.get("bodyBytes").asInt());
        assertEquals(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                empty.get("bodySha256").asText());
    }

    @Test
    void jsonIsChosenAmongSeveralMediaRanges() throws Exception {
        RawHttp.Answer answer = post(new byte[0], "/x", "text/html;q=0.9, APPLICATION/JSON; q=1");
        assertEquals("application/json", answer.header("Content-Type"));
    }

    @Test
    void otherAcceptHeadersGetTheTextEcho() throws Exception {
        RawHttp.Answer answer = post(new byte[0], "/x", "application/jsonp");
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        assertEquals("/x", answer.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json;q=0", "application/json; Q=0.000", "text/plain, application/json;q=0.0"})
    void jsonAtQualityZeroMeansNotJsonAndGetsTheTextEcho(String accept) throws Exception {
        RawHttp.Answer answer = post(new byte[0], "/not-json", accept);
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        assertEquals("/not-json", answer.text());
    }

    @Test
    void jsonAtALowQualityIsStillJson() throws Exception {
        RawHttp.Answer answer = post(new byte[0], "/x", "application/json;q=0.001");
        assertEquals("application/json", answer.header("Content-Type"));
    }

    @Test
    void aBodyOverTheLimitGets413() throws Exception {
        HttpServerConfig small = HttpServerConfig.ephemeral("--max-body", "16");
        try (HttpEchoServer limited = HttpEchoServer.start(small)) {
            byte[] request = ("POST /big HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nContent-Length: 17\r\n"
                            + "Connection: close\r\n\r\n12345678901234567")
                    .getBytes(StandardCharsets.US_ASCII);
            RawHttp.Answer answer = RawHttp.exchange(limited.port(), request);
            assertEquals(413, answer.status());
            assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        }
    }

    @Test
    void aChunkedBodyThatOutgrowsTheLimitGets413() throws Exception {
        HttpServerConfig small = HttpServerConfig.ephemeral("--max-body", "16");
        try (HttpEchoServer limited = HttpEchoServer.start(small)) {
            byte[] request = ("POST /big HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                            + "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            RawHttp.Answer answer = RawHttp.exchange(limited.port(), request);
            assertEquals(413, answer.status());
            assertEquals("413 Payload Too Large: body larger than 16 bytes\n", answer.text());
        }
    }
}
