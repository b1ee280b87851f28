package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.common.Await;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jar's control plane as platforms meet it: readiness through a drain, off, tcp, JSON logs. */
class ControlPlaneIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sigtermTurnsReadinessTo503AtOnceWhileTheEchoServesOnForTheDrainDelay() throws Exception {
        try (JarProcess p = JarProcess.start(
                "--host", "127.0.0.1", "--port", "0", "--admin-port", "0", "--drain-delay", "3s", "--quiet")) {
            int echo = p.awaitPort();
            int admin = p.awaitAdminPort();
            assertEquals("ready\n", get(admin, "/readyz").body());
            p.terminate();
            p.awaitLine(
                    l -> l.endsWith("SIGTERM received: not ready; serving on for 3s so load balancers notice, then"
                            + " finishing in-flight requests (up to 10000ms)"),
                    Duration.ofSeconds(10));
            HttpResponse<String> readyz = get(admin, "/readyz");
            assertEquals(503, readyz.statusCode());
            assertEquals("draining\n", readyz.body());
            assertEquals("ok\n", get(admin, "/healthz").body(), "alive, though not ready");
            assertEquals("/still-here", get(echo, "/still-here").body(), "the echo serves through the delay");
            p.awaitLine(l -> l.contains("drain delay over"), Duration.ofSeconds(10));
            assertEquals(0, p.awaitExit(Duration.ofSeconds(20)));
        }
    }

    @Test
    void anAdminTokenFromTheEnvironmentGuardsEveryChangeAndIsNeverShown() throws Exception {
        String token = "tok-" + System.nanoTime();
        try (JarProcess p = JarProcess.startWith(
                Map.of("DUET_ADMIN_TOKEN", token), "--host", "127.0.0.1", "--port", "0", "--admin-port", "0")) {
            p.awaitPort();
            int admin = p.awaitAdminPort();
            HttpRequest.Builder disable = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + admin + "/readyz/disable"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10));
            assertEquals(
                    401,
                    CLIENT.send(disable.build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode());
            p.awaitLine(
                    l -> l.endsWith("WARN admin - POST /readyz/disable from 127.0.0.1 refused: no token"),
                    Duration.ofSeconds(10));
            assertEquals("ready\n", get(admin, "/readyz").body(), "probes stay open, and nothing changed");
            HttpResponse<String> done = CLIENT.send(
                    disable.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, done.statusCode());
            assertEquals(503, get(admin, "/readyz").statusCode());
            p.terminate();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(20)));
            assertFalse(p.everything().contains(token), "the token is in no log line");
        }
    }

    @Test
    void offMeansNoControlPlane() throws Exception {
        try (JarProcess p = JarProcess.start("--host", "127.0.0.1", "--port", "0", "--admin-port", "off")) {
            p.awaitPort();
            p.terminate();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(20)));
            assertFalse(p.remainingOutput().contains("admin listening"));
        }
    }

    @Test
    void tcpGetsAControlPlaneWhenAskedAndCountsItsConnectionsAndBytes() throws Exception {
        try (JarProcess p = JarProcess.start(
                "tcp", "--host", "127.0.0.1", "--port", "0", "--admin-port", "0", "--name", "tcp-1", "--quiet")) {
            int echo = p.awaitPort();
            int admin = p.awaitAdminPort();
            for (int i = 0; i < 3; i++) {
                try (Socket s = new Socket("127.0.0.1", echo)) {
                    s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput();
                    assertEquals("hello", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
                }
            }
            JsonNode version =
                    new ObjectMapper().readTree(get(admin, "/version").body());
            assertEquals("tcp-1", version.get("name").asText());
            assertEquals("tcp", version.get("listening").get(0).get("transport").asText());
            String metrics = awaitMetric(admin, "duet_connections_active{transport=\"tcp\"} 0.0");
            assertTrue(metrics.contains("\nduet_connections_total{transport=\"tcp\"} 3.0\n"), metrics);
            assertTrue(metrics.contains("\nduet_received_bytes_total{transport=\"tcp\"} 15.0\n"), metrics);
            assertTrue(metrics.contains("\nduet_sent_bytes_total{transport=\"tcp\"} 15.0\n"), metrics);
        }
    }

    @Test
    void jsonLogsAreOneObjectALineWithTheClientsTextEscaped() throws Exception {
        try (JarProcess p = JarProcess.start(
                "--host", "127.0.0.1", "--port", "0", "--admin-port", "off", "--log-format", "json", "--name", "j-1")) {
            String first = p.awaitLine(l -> l.contains("listening on"), Duration.ofSeconds(20));
            JsonNode start = new ObjectMapper().readTree(first);
            assertEquals("INFO", start.get("level").asText());
            assertEquals("duet-server", start.get("logger").asText());
            assertTrue(start.get("message").asText().startsWith("j-1: http listening on 127.0.0.1:"), first);
            int echo = Integer.parseInt(start.get("message").asText().replaceAll(".*:(\\d+) \\(try.*", "$1"));
            // U+0085 (NEL) and U+2028 are valid in a target, and break lines in some viewers
            String target = "/a\\b\u0085c\u2028d";
            try (Socket s = new Socket("127.0.0.1", echo)) {
                s.getOutputStream()
                        .write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.UTF_8));
                s.getInputStream().readAllBytes();
            }
            String accessLine = p.awaitLine(l -> l.contains("\"logger\":\"access\""), Duration.ofSeconds(10));
            assertFalse(
                    accessLine.chars().anyMatch(c -> c < 0x20 || c == 0x85 || c == 0x2028),
                    "no raw control character: " + accessLine);
            assertTrue(accessLine.contains("\"target\":\"/a\\\\b\\u0085c\\u2028d\""), accessLine);
            JsonNode access = new ObjectMapper().readTree(accessLine);
            assertEquals("GET", access.get("method").asText());
            assertEquals(target, access.get("target").asText(), "escaped for the line, exact once parsed");
            assertEquals(200, access.get("status").asInt(), accessLine);
            assertEquals(
                    target.getBytes(StandardCharsets.UTF_8).length,
                    access.get("bytes").asInt());
            assertEquals("j-1", access.get("name").asText());
            assertTrue(access.get("caller").asText().startsWith("127.0.0.1:"), accessLine);
            assertTrue(access.has("durationMs") && access.has("bytes") && access.has("time"), accessLine);
            p.terminate();
            assertEquals(0, p.awaitExit(Duration.ofSeconds(20)));
            List<String> all = new ArrayList<>(p.linesRead()); // standard error too, from the first line
            all.addAll(List.of(p.remainingOutput().split("\n")));
            for (String line : all) {
                assertTrue(new ObjectMapper().readTree(line).isObject(), line); // every line is JSON
            }
        }
    }

    /** The /metrics text once it holds {@code line}: counts land as connections close. */
    static String awaitMetric(int admin, String line) throws Exception {
        return Await.until(
                "\"" + line + "\" in /metrics",
                Duration.ofSeconds(10),
                () -> get(admin, "/metrics").body(),
                text -> text.contains("\n" + line + "\n"));
    }
}
