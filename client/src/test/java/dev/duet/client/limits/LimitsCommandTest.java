package dev.duet.client.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the server itself, the walls found are the server's own configured limits, to the byte. */
class LimitsCommandTest {
    private static HttpEchoServer server;

    @BeforeAll
    static void start() {
        server = HttpEchoServer.start(HttpServerConfig.ephemeral(
                "--quiet", "--max-header-size", "4KiB", "--max-body", "1MiB", "--max-message", "64KiB"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + server.port() + "/l";
    }

    @Test
    void directlyTheWallsAreTheServersOwnLimits() throws Exception {
        ClientRun.Result r = ClientRun.run(
                "limits",
                url(),
                "--json",
                "--max-body",
                "2MiB",
                "--max-message",
                "128KiB",
                "--max-header-size",
                "16KiB");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode walls = new ObjectMapper().readTree(r.out());
        assertEquals(
                List.of("target", "headerValue", "headerSection", "headerCount", "body", "wsMessage"),
                iterable(walls.fieldNames()));
        assertEquals(
                "{\"largest\":4096,\"smallestRefused\":4097,\"refusedAs\":\"431\"}",
                walls.get("headerSection").toString(),
                "--max-header-size: the request line and headers, every byte");
        assertEquals(
                "{\"largest\":1048576,\"smallestRefused\":1048577,\"refusedAs\":\"413\"}",
                walls.get("body").toString(),
                "--max-body");
        assertEquals(
                "{\"largest\":65536,\"smallestRefused\":65537,\"refusedAs\":\"1009\"}",
                walls.get("wsMessage").toString(),
                "--max-message");
        // a target and a header value fill the same 4 KiB with the rest of the request's head
        String rest = "GET  HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUser-Agent: duet-client\r\n"
                + "Accept: application/json\r\nX-Duet-Run: 0123456789abcdef\r\nX-Duet-Seq: 000001\r\n\r\n";
        assertEquals(4096 - rest.length(), walls.get("target").get("largest").asLong(), r.out());
        int valueRest = rest.length() + "/l?limit=".length() + "X-Limit-Value: \r\n".length();
        assertEquals(4096 - valueRest, walls.get("headerValue").get("largest").asLong(), r.out());
        for (String key : List.of("target", "headerValue", "headerCount")) {
            JsonNode wall = walls.get(key);
            assertEquals(
                    wall.get("largest").asLong() + 1,
                    wall.get("smallestRefused").asLong(),
                    key);
            assertEquals("431", wall.get("refusedAs").asText(), key);
        }
    }

    @Test
    void aCapBelowTheWallSaysNothingWasRefused() {
        ClientRun.Result r = ClientRun.run(
                "limits",
                url(),
                "--max-target",
                "1KiB",
                "--max-header-size",
                "1KiB",
                "--max-headers",
                "20",
                "--max-body",
                "1KiB",
                "--max-message",
                "1KiB");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(
                "limits through " + url() + " (tried up to: target 1KiB, header 1KiB, 20 headers, body 1KiB, message"
                        + " 1KiB)",
                lines.get(0));
        assertEquals("                   largest passed  smallest refused  refused as", lines.get(1));
        assertEquals(
                "target                      1,024                 -  nothing refused up to the cap", lines.get(2));
        assertEquals(
                "header count                   20                 -  nothing refused up to the cap", lines.get(5));
        assertEquals(
                "WebSocket message           1,024                 -  nothing refused up to the cap", lines.get(7));
        assertTrue(lines.get(8).startsWith("(bytes; the header section is the whole request head"), r.out());
    }

    @Test
    void noServerIsExit7() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ClientRun.Result r = ClientRun.run("limits", "http://127.0.0.1:" + port + "/");
        assertEquals(7, r.exitCode(), r.out() + r.err());
        assertEquals("duet-client: cannot connect to 127.0.0.1:" + port + ": connection refused\n", r.err());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
