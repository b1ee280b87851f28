package dev.duet.client.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.client.http.RawServer;
import dev.duet.client.http.RoundRobinProxy;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.http.RunningEchoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code duet-client diff} against the real server: nothing between says nothing; a hop is named. */
class DiffCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet");

    private static String base() {
        return "127.0.0.1:" + server.port();
    }

    /** Every key of the report is there, and with nothing between, every one is empty. */
    private static void allEmpty(String json) throws Exception {
        JsonNode report = JSON.readTree(json);
        assertEquals(true, report.get("same").asBoolean(), json);
        int keys = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = report.fields(); it.hasNext(); keys++) {
            Map.Entry<String, JsonNode> key = it.next();
            if (!key.getKey().equals("url") && !key.getKey().equals("same")) {
                assertTrue(key.getValue().isEmpty(), key.getKey() + " in " + json);
            }
        }
        assertEquals(13, keys, json);
    }

    @Test
    void nothingBetweenPrintsNothing() {
        assertEquals(new ClientRun.Result(0, "", ""), ClientRun.run("diff", base() + "/a?b=1"));
    }

    @Test
    void nothingBetweenIsSameWithEveryKeyEmptyOverEachProtocol() throws Exception {
        ClientRun.Result get = ClientRun.run("diff", "--json", base() + "/a?b=1", "-H", "X-Custom: Value");
        assertEquals(0, get.exitCode(), get.err());
        allEmpty(get.out());
        ClientRun.Result post = ClientRun.run(
                "diff", "--json", "-d", "hello body", "-H", "X-Twice: 1", "-H", "X-Twice: 2", base() + "/p");
        allEmpty(post.out());
        ClientRun.Result h2c = ClientRun.run("diff", "--json", "--http2", "-d", "x", base() + "/h2");
        allEmpty(h2c.out());
    }

    @Test
    void overTlsTooWhenNothingIsBetween(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        try (HttpEchoServer tls = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--quiet", "--tls", "self-signed", "--write-cert", cert.toString()))) {
            String url = "https://localhost:" + tls.port() + "/s";
            ClientRun.Result h1 = ClientRun.run("diff", "--json", "--cacert", cert.toString(), url);
            assertEquals(0, h1.exitCode(), h1.err());
            allEmpty(h1.out());
            allEmpty(ClientRun.run("diff", "--json", "--http2", "--cacert", cert.toString(), url)
                    .out());
        }
    }

    @Test
    void aProxyIsSeenAsAnotherCallerAndExpectSameFails() throws Exception {
        try (RoundRobinProxy proxy = RoundRobinProxy.to(server.port())) {
            ClientRun.Result r = ClientRun.run("diff", "--expect-same", "127.0.0.1:" + proxy.port() + "/through");
            assertEquals(1, r.exitCode());
            assertTrue(
                    r.out().matches("caller   127\\.0\\.0\\.1:\\d+ -> the server saw 127\\.0\\.0\\.1:\\d+\n"), r.out());
            assertEquals(
                    "duet-client: the path to 127.0.0.1:" + proxy.port() + " changed the request (--expect-same)\n",
                    r.err());
            JsonNode json = JSON.readTree(ClientRun.run("diff", "--json", "127.0.0.1:" + proxy.port() + "/j")
                    .out());
            assertEquals(false, json.get("same").asBoolean());
            assertEquals("[]", json.get("caller").get("forwardedFor").toString());
        }
    }

    @Test
    void anAnswerThatIsNotTheEchoIsSaidToBeSo() throws Exception {
        try (RawServer text = RawServer.answering(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi")) {
            ClientRun.Result r = ClientRun.run("diff", text.address() + "/x");
            assertEquals(
                    new ClientRun.Result(
                            1,
                            "",
                            "duet-client: " + text.address()
                                    + " answered 200 with text/html, not a Duet server's JSON echo\n"),
                    r);
        }
    }

    @Test
    void anEchoOfAnotherRequestIsACacheAnswering() throws Exception {
        String echo = "{\"method\":\"GET\",\"rawHeaders\":[[\"X-Duet-Run\",\"0123456789abcdef\"]]}";
        try (RawServer cache = RawServer.answering("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + echo.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                + echo)) {
            ClientRun.Result r = ClientRun.run("diff", cache.address() + "/x");
            assertEquals(1, r.exitCode());
            assertEquals(
                    "duet-client: " + cache.address() + " answered with the echo of another request (X-Duet-Run:"
                            + " 0123456789abcdef): a cache or a hop answered, not the server; diff needs the server's"
                            + " own answer (try -X POST)\n",
                    r.err());
        }
    }

    @Test
    void headAndAnotherAcceptAreUsageErrors() {
        assertEquals(
                new ClientRun.Result(
                        2,
                        "",
                        "duet-client: diff reads what arrived from the server's JSON echo, and a HEAD answer has"
                                + " none\nTry \"duet-client diff --help\".\n"),
                ClientRun.run("diff", "-X", "HEAD", base()));
        assertEquals(2, ClientRun.run("diff", "-H", "Accept: text/html", base()).exitCode());
    }

    @Test
    void theFileOfADataFlagIsTheBodyCompared(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("body.bin");
        Files.write(file, new byte[] {0, 1, 2, (byte) 0xff});
        ClientRun.Result r = ClientRun.run("diff", "--json", "-d", "@" + file, base() + "/bin");
        allEmpty(r.out());
    }
}
