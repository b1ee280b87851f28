package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP/2 over cleartext, spoken by curl (a peer nobody here wrote): by prior knowledge and by
 * "Upgrade: h2c", the answer is the same bytes HTTP/1.1 gets.
 */
class Http2EchoTest {
    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet");

    /** curl's body followed by a line with the HTTP version it spoke. */
    private static String curl(String how, String target) throws Exception {
        return curl(server.server(), how, target);
    }

    private static String curl(HttpEchoServer server, String how, String target) throws Exception {
        return curl(server, List.of(how), target);
    }

    private static String curl(HttpEchoServer server, List<String> how, String target) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--path-as-is", "-w", "\n%{http_version}"));
        command.addAll(how);
        command.add("http://127.0.0.1:" + server.port() + target);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        curl.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, curl.exitValue(), out);
        return out;
    }

    @Test
    void upgradedConnectionsThatClosedDoNotHoldUpTheStop() throws Exception {
        HttpEchoServer patient =
                HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet", "--shutdown-timeout", "60s"));
        for (int i = 0; i < 3; i++) {
            assertEquals("/up\n2", curl(patient, "--http2", "/up"));
        }
        // Jetty 12.1.12 kept such sessions for good, and the stop waited for them the whole 60 s
        CompletableFuture.runAsync(patient::close).get(20, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/hello", "/a%2Fb?x=%zz&y", "/x//y/../z", "/?q=a+b&r=%E2%9C%93", "/%C3%A9t%C3%A9"})
    void priorKnowledgeAndUpgradeGetTheBytesHttp11Gets(String target) throws Exception {
        String http11 = RawHttp.request(server.port(), "GET", target).text();
        assertEquals(target, http11);
        assertEquals(http11 + "\n2", curl("--http2-prior-knowledge", target));
        assertEquals(http11 + "\n2", curl("--http2", target));
    }

    /** As docs/protocols.md says: Jetty upgrades only a request without a body; prior knowledge carries one. */
    @Test
    void aRequestWithABodyIsNotUpgradedButPriorKnowledgeCarriesIt() throws Exception {
        assertEquals("/post\n1.1", curl(server.server(), List.of("--http2", "-d", "hello"), "/post"));
        assertEquals("/post\n2", curl(server.server(), List.of("--http2-prior-knowledge", "-d", "hello"), "/post"));
    }

    @Test
    void jsonOverHttp2NamesTheProtocolAndTheAuthorityTheClientSent() throws Exception {
        String out =
                curl(server.server(), List.of("--http2-prior-knowledge", "-H", "Accept: application/json"), "/j?a=1");
        JsonNode echo = new ObjectMapper().readTree(out.substring(0, out.lastIndexOf('\n')));
        assertEquals("HTTP/2.0", echo.get("protocol").asText());
        assertEquals("/j?a=1", echo.get("target").asText());
        assertEquals(
                "[\"127.0.0.1:" + server.port() + "\"]",
                echo.get("headers").get(":authority").toString());
        assertEquals(null, echo.get("headers").get("Host"));
        assertEquals(
                "[\":authority\",\"127.0.0.1:" + server.port() + "\"]",
                echo.get("rawHeaders").get(0).toString());
        assertTrue(echo.get("rawHeaders").toString().contains(",[\"accept\",\"application/json\"]"));
        assertEquals("[]", echo.get("caseUnknown").toString(), "HTTP/2 names are lower case, as sent");
    }
}
