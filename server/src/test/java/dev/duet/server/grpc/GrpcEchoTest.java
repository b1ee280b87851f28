package dev.duet.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.common.GrpcioPeers;
import dev.duet.common.Needs;
import dev.duet.server.Instance;
import dev.duet.server.ServerIdentity;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC on the echo port, as Python's grpcio (a stack nobody here wrote) meets it: duet.v1.Echo's
 * three methods, health and its readiness, reflection, over h2c and TLS, counted exactly; and every request
 * that is not gRPC answered as before.
 */
class GrpcEchoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void grpcio() {
        Needs.present(GrpcioPeers.available(), "Python's grpcio for /usr/bin/python3 (apt-get install python3-grpcio)");
    }

    private static List<JsonNode> call(String... args) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : GrpcioPeers.client(args)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static String metadata(JsonNode received, String name) {
        for (JsonNode pair : received.get("metadata")) {
            if (pair.get(0).asText().equals(name)) {
                return pair.get(1).asText();
            }
        }
        return null;
    }

    @Test
    void grpcioCallsEveryMethodOverH2cAndEachCallIsCountedOnceUnderGrpc() throws Exception {
        Metrics metrics = Metrics.create();
        Instance instance =
                new Instance(ServerIdentity.ofThisHost(Optional.of("g1")), metrics, Activity.NONE, LogFormat.TEXT);
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"), instance)) {
            List<JsonNode> answers = call(
                    "127.0.0.1:" + server.port(),
                    "echo:héllo",
                    "stream:a,b,c",
                    "status:5:0",
                    "health",
                    "health:duet.v1.Echo",
                    "list:v1",
                    "list:v1alpha");

            JsonNode echo = answers.get(0).get("reply");
            assertEquals("héllo", echo.get("message").asText());
            JsonNode received = echo.get("received");
            assertEquals("/duet.v1.Echo/Echo", received.get("method").asText());
            assertEquals("127.0.0.1:" + server.port(), received.get("authority").asText());
            assertEquals("grpcio", metadata(received, "x-from"), received.toString());
            assertEquals("application/grpc", metadata(received, "content-type"));
            assertEquals("127.0.0.1", received.get("client").get("address").asText());
            assertEquals("g1", received.get("server").get("name").asText());
            assertEquals("HTTP/2.0", received.get("protocol").asText());
            assertFalse(received.has("tls"), "h2c has no TLS");

            JsonNode stream = answers.get(1).get("replies");
            assertEquals(3, stream.size());
            assertEquals("a", stream.get(0).get("message").asText());
            assertEquals(
                    "/duet.v1.Echo/EchoStream",
                    stream.get(0).get("received").get("method").asText());
            assertEquals("b", stream.get(1).get("message").asText());
            assertFalse(stream.get(1).has("received"), "only the first answer says what arrived");
            assertEquals("c", stream.get(2).get("message").asText());

            assertEquals("NOT_FOUND", answers.get(2).get("code").asText());
            assertEquals("asked for", answers.get(2).get("details").asText());
            assertEquals(1, answers.get(3).get("status").asInt(), "SERVING");
            assertEquals(1, answers.get(4).get("status").asInt(), "SERVING");
            String services = "[\"duet.v1.Echo\",\"grpc.health.v1.Health\",\"grpc.reflection.v1.ServerReflection\","
                    + "\"grpc.reflection.v1alpha.ServerReflection\"]";
            assertEquals(services, answers.get(5).get("services").toString(), "reflection v1");
            assertEquals(services, answers.get(6).get("services").toString(), "reflection v1alpha");

            ByteArrayOutputStream text = new ByteArrayOutputStream();
            metrics.writeTo(text);
            String scrape = text.toString(StandardCharsets.UTF_8);
            assertTrue(
                    scrape.contains("duet_requests_total{code=\"0\",method=\"POST\",transport=\"grpc\"} 6.0"), scrape);
            assertTrue(
                    scrape.contains("duet_requests_total{code=\"5\",method=\"POST\",transport=\"grpc\"} 1.0"), scrape);
            assertFalse(
                    scrape.lines().anyMatch(l -> l.startsWith("duet_requests_total{") && l.contains("\"h2\"")),
                    "a gRPC call is not also an HTTP/2 request: " + scrape);
        }
    }

    @Test
    void overTlsTheEchoSaysTheSessionAsTheJsonEchoDoes() throws Exception {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer server = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--quiet", "--tls", "self-signed", "--write-cert", cert.toString()))) {
            List<JsonNode> answers =
                    call("localhost:" + server.port(), "--ca", cert.toString(), "echo:over tls", "stream:x", "health");
            JsonNode received = answers.get(0).get("reply").get("received");
            assertEquals("over tls", answers.get(0).get("reply").get("message").asText());
            JsonNode tls = received.get("tls");
            assertEquals("h2", tls.get("alpn").asText());
            assertEquals("localhost", tls.get("sni").asText());
            assertTrue(tls.get("version").asText().startsWith("TLSv1."), tls.toString());
            assertTrue(tls.get("cipher").asText().startsWith("TLS_"), tls.toString());
            assertEquals(
                    "x", answers.get(1).get("replies").get(0).get("message").asText());
            assertEquals(1, answers.get(2).get("status").asInt());
        }
    }

    @Test
    void statusWaitsTheDelayAskedUpToMaxDelayAndControlsOffRefuseIt() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet", "--max-delay", "2s"))) {
            String at = "127.0.0.1:" + server.port();
            long start = System.nanoTime();
            List<JsonNode> answers = call(at, "status:14:300", "status:0:0", "status:3:2001", "status:17:0");
            assertTrue(System.nanoTime() - start >= 300_000_000L, "the delay was waited");
            assertEquals("UNAVAILABLE", answers.get(0).get("code").asText());
            assertEquals("OK", answers.get(1).get("code").asText());
            assertEquals("INVALID_ARGUMENT", answers.get(2).get("code").asText());
            assertEquals(
                    "delay_ms 2001 is over this server's --max-delay of 2s",
                    answers.get(2).get("details").asText());
            assertEquals("INVALID_ARGUMENT", answers.get(3).get("code").asText());
            assertEquals(
                    "code 17 is no gRPC status: 0 (OK) to 16",
                    answers.get(3).get("details").asText());
        }
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet", "--controls", "off"))) {
            JsonNode refused = call("127.0.0.1:" + server.port(), "status:5:0").get(0);
            assertEquals("FAILED_PRECONDITION", refused.get("code").asText());
            assertEquals(
                    "controls are off on this server (--controls off)",
                    refused.get("details").asText());
        }
    }

    @Test
    void healthFollowsReadinessAndTellsWatchersAtOnce() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            Process watch = GrpcioPeers.clientProcess("127.0.0.1:" + server.port(), "watch:duet.v1.Echo");
            try (BufferedReader lines = watch.inputReader(StandardCharsets.UTF_8)) {
                assertEquals(1, JSON.readTree(lines.readLine()).get("status").asInt(), "SERVING");
                server.serving(false);
                assertEquals(2, JSON.readTree(lines.readLine()).get("status").asInt(), "NOT_SERVING");
            } finally {
                watch.destroy();
            }
            assertEquals(
                    2,
                    call("127.0.0.1:" + server.port(), "health")
                            .get(0)
                            .get("status")
                            .asInt());
            server.serving(true);
            assertEquals(
                    1,
                    call("127.0.0.1:" + server.port(), "health")
                            .get(0)
                            .get("status")
                            .asInt());
        }
    }

    @Test
    void everyRequestThatIsNotGrpcIsEchoedAsBefore() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build(); // h2c by upgrade: GETs
            for (String type : List.of("application/grpc-web", "text/plain", "application/grpcx")) {
                HttpResponse<String> answer = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/duet.v1.Echo/Echo"))
                                .header("Content-Type", type)
                                .POST(HttpRequest.BodyPublishers.ofString("x"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), type);
                assertEquals("/duet.v1.Echo/Echo", answer.body(), type);
            }
            HttpResponse<String> get = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/hello"))
                            .header("Content-Type", "application/grpc") // no POST: not a gRPC call
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("/hello", get.body());
        }
    }
}
