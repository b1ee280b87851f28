package dev.duet.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.common.Await;
import dev.duet.server.EchoWithAdmin;
import dev.duet.server.ServerIdentity;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.metrics.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control plane in Javalin's own test style: the real app on port 0 beside a real echo server,
 * and a real HTTP client (the JDK's) for every route.
 */
class AdminServerTest {
    /** HTTP/1.1: the JDK's client would otherwise upgrade to h2c, which is counted apart. */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    // a fresh echo and control plane for each test, as Javalin's own tests do: no state leaks between them
    private EchoWithAdmin servers;
    private HttpEchoServer echo;
    private AdminServer admin;
    private Readiness readiness;

    @BeforeEach
    void start() {
        servers = EchoWithAdmin.start(
                new ServerIdentity("replica-7", "host-7", List.of("127.0.0.1")), AdminToken.NONE, "--quiet");
        echo = servers.echo();
        admin = servers.admin();
        readiness = servers.readiness();
    }

    @AfterEach
    void stop() {
        servers.close();
    }

    private HttpResponse<String> send(String method, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return send(method, admin.port(), path);
    }

    @Test
    void healthzIsOkWhileTheProcessCanServe() throws Exception {
        HttpResponse<String> r = admin("GET", "/healthz");
        assertEquals(200, r.statusCode());
        assertEquals("ok\n", r.body());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void readinessFlipsByHandAndEachChangeAnswers200WithTheStateItLeft() throws Exception {
        assertEquals("ready\n", admin("GET", "/readyz").body());
        HttpResponse<String> disabled = admin("POST", "/readyz/disable");
        assertEquals(200, disabled.statusCode(), "done as asked: curl -f succeeds");
        assertEquals("not ready: disabled by hand (POST /readyz/enable to undo)\n", disabled.body());
        HttpResponse<String> readyz = admin("GET", "/readyz");
        assertEquals(503, readyz.statusCode());
        assertEquals("disabled by hand (POST /readyz/enable to undo)\n", readyz.body());
        HttpResponse<String> enabled = admin("POST", "/readyz/enable");
        assertEquals(200, enabled.statusCode());
        assertEquals("ready\n", enabled.body());
        assertEquals(200, admin("GET", "/readyz").statusCode());
    }

    @Test
    void nothingMakesADrainingInstanceReadyAgain() throws Exception {
        Readiness draining = new Readiness();
        draining.drain();
        try (AdminServer own = startAdmin(draining, AdminToken.NONE)) {
            HttpResponse<String> enabled = send("POST", own.port(), "/readyz/enable");
            assertEquals(409, enabled.statusCode());
            assertEquals("not ready: draining\n", enabled.body());
            HttpResponse<String> disabled = send("POST", own.port(), "/readyz/disable");
            assertEquals(200, disabled.statusCode(), "not ready, as asked");
            assertEquals("not ready: draining\n", disabled.body());
        }
    }

    @Test
    void eventsWithoutAskingForAnEventStreamGets406SayingWhatToSend() throws Exception {
        HttpResponse<String> r = admin("GET", "/events");
        assertEquals(406, r.statusCode());
        assertEquals(
                "/events is a Server-Sent Events stream: ask with \"Accept: text/event-stream\" (curl -N -H"
                        + " 'Accept: text/event-stream' URL), or open / in a browser\n",
                r.body());
        HttpRequest asked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/events"))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<java.io.InputStream> stream = CLIENT.send(asked, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream events = stream.body()) {
            assertEquals(200, stream.statusCode());
            assertEquals(
                    "text/event-stream",
                    stream.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertEquals("event: rates\n", new String(events.readNBytes(13), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void withATokenEveryChangeNeedsItAndEveryReadStaysOpen() throws Exception {
        Readiness readiness = new Readiness();
        try (AdminServer own = startAdmin(readiness, AdminToken.of(java.util.Optional.of("s3cret")))) {
            for (String authorization : new String[] {null, "Bearer wrong", "Basic czNjcmV0", "Bearer s3cret2"}) {
                HttpRequest.Builder post = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + own.port() + "/readyz/disable"))
                        .POST(HttpRequest.BodyPublishers.noBody());
                if (authorization != null) {
                    post.header("Authorization", authorization);
                }
                HttpResponse<String> refused = CLIENT.send(post.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, refused.statusCode(), String.valueOf(authorization));
                assertEquals(
                        "Bearer realm=\"duet-server admin\"",
                        refused.headers().firstValue("WWW-Authenticate").orElse(""));
                assertTrue(refused.body().startsWith("this request changes the server: send \"Authorization: Bearer"));
            }
            assertTrue(readiness.notReadyBecause().isEmpty(), "no refused request changed anything");
            for (String path : new String[] {"/healthz", "/readyz", "/metrics", "/version", "/"}) {
                assertEquals(200, send("GET", own.port(), path).statusCode(), path);
            }
            for (String scheme : new String[] {"Bearer", "bearer"}) {
                HttpResponse<String> done = CLIENT.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + own.port() + "/readyz/enable"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .header("Authorization", scheme + " s3cret")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, done.statusCode(), scheme);
            }
        }
    }

    private AdminServer startAdmin(Readiness readiness, AdminToken token) {
        return AdminServer.start(
                new AdminConfig("127.0.0.1", 0, 10, token),
                new ServerIdentity("own", "own", List.of("127.0.0.1")),
                readiness,
                Metrics.create(),
                new Inspector(10),
                new Listening("echo", "http", "127.0.0.1:" + echo.port()),
                echo.defaultControls());
    }

    @Test
    void versionNamesTheInstanceAndEveryPort() throws Exception {
        HttpResponse<String> r = admin("GET", "/version");
        assertEquals(200, r.statusCode());
        JsonNode v = new ObjectMapper().readTree(r.body());
        assertEquals("replica-7", v.get("name").asText());
        assertEquals("host-7", v.get("hostname").asText());
        assertEquals(System.getProperty("java.version"), v.get("java").asText());
        assertTrue(v.get("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), r.body());
        assertTrue(v.get("uptimeSeconds").asLong() >= 0, r.body());
        assertEquals(
                new ObjectMapper()
                        .readTree("[{\"plane\":\"echo\",\"transport\":\"http\",\"address\":\"127.0.0.1:" + echo.port()
                                + "\"},{\"plane\":\"admin\",\"transport\":\"http\",\"address\":\"127.0.0.1:"
                                + admin.port() + "\"}]"),
                v.get("listening"));
    }

    @Test
    void theEchoPortNeverAnswersAdminRoutes() throws Exception {
        for (String path : new String[] {"/healthz", "/readyz", "/metrics", "/version", "/"}) {
            HttpResponse<String> r = send("GET", echo.port(), path);
            assertEquals(200, r.statusCode());
            assertEquals(path, r.body());
        }
    }

    @Test
    void theJsonEchoNamesTheInstance() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + echo.port() + "/who"))
                .header("Accept", "application/json")
                .build();
        JsonNode doc = new ObjectMapper()
                .readTree(CLIENT.send(request, HttpResponse.BodyHandlers.ofString())
                        .body());
        assertEquals("replica-7", doc.get("server").get("name").asText());
    }

    @Test
    void requestCountsAreExact() throws Exception {
        String series = "duet_requests_total{code=\"200\",method=\"PUT\",transport=\"http\"}";
        String bytes = "duet_sent_bytes_total{transport=\"http\"}";
        long before = value(series);
        long bytesBefore = value(bytes);
        for (int i = 0; i < 137; i++) {
            assertEquals("/n", send("PUT", echo.port(), "/n").body());
        }
        // Jetty counts a request as it completes it, just after the client has its answer
        assertEquals(before + 137, awaitValue(series, before + 137));
        assertEquals(bytesBefore + 137 * 2, awaitValue(bytes, bytesBefore + 137 * 2));
    }

    @Test
    void http2RequestsAreCountedApartAndTheirConnectionOnce() throws Exception {
        String series = "duet_requests_total{code=\"200\",method=\"GET\",transport=\"h2\"}";
        String connections = "duet_connections_total{transport=\"http\"}";
        long before = value(series);
        long connectionsBefore = value(connections);
        HttpClient h2 = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = h2.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + echo.port() + "/h2"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("/h2", r.body());
            assertEquals(HttpClient.Version.HTTP_2, r.version()); // upgraded by "Upgrade: h2c"
        }
        assertEquals(before + 5, awaitValue(series, before + 5));
        // the upgrade swaps HTTP/1.1 for HTTP/2 on the same socket: still one connection
        assertEquals(connectionsBefore + 1, value(connections));
    }

    @Test
    void aHeadAddsNoBodyBytesForNoneCrossTheWire() throws Exception {
        String series = "duet_requests_total{code=\"200\",method=\"HEAD\",transport=\"http\"}";
        String bytes = "duet_sent_bytes_total{transport=\"http\"}";
        long before = value(series);
        long bytesBefore = value(bytes);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = send("HEAD", echo.port(), "/head");
            assertEquals("", r.body());
            assertEquals("5", r.headers().firstValue("Content-Length").orElse(""));
        }
        assertEquals(before + 20, awaitValue(series, before + 20));
        assertEquals(bytesBefore, value(bytes));
    }

    @Test
    void http2BodyBytesAreCountedUnderH2AsItsRequestsAre() throws Exception {
        String series = "duet_requests_total{code=\"200\",method=\"POST\",transport=\"h2\"}";
        String[] h2Bytes = {"duet_received_bytes_total{transport=\"h2\"}", "duet_sent_bytes_total{transport=\"h2\"}"};
        String[] httpBytes = {
            "duet_received_bytes_total{transport=\"http\"}", "duet_sent_bytes_total{transport=\"http\"}"
        };
        long before = value(series);
        long[] h2Before = {value(h2Bytes[0]), value(h2Bytes[1])};
        long[] httpBefore = {value(httpBytes[0]), value(httpBytes[1])};
        HttpClient h2 = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI uri = URI.create("http://127.0.0.1:" + echo.port() + "/h2-bytes"); // 9 bytes echoed
        // a GET first: the JDK's client upgrades to h2c only on a request without a body
        assertEquals(
                HttpClient.Version.HTTP_2,
                h2.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                        .version());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = h2.send(
                    HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.ofString("hello"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, r.version());
            assertEquals("/h2-bytes", r.body());
        }
        assertEquals(before + 3, awaitValue(series, before + 3));
        assertEquals(h2Before[0] + 3 * 5, awaitValue(h2Bytes[0], h2Before[0] + 3 * 5));
        assertEquals(h2Before[1] + 4 * 9, awaitValue(h2Bytes[1], h2Before[1] + 4 * 9));
        assertEquals(httpBefore[0], value(httpBytes[0]));
        assertEquals(httpBefore[1], value(httpBytes[1]));
    }

    @Test
    void anOddMethodIsCountedAsOtherSoClientsCannotGrowTheSeries() throws Exception {
        String series = "duet_requests_total{code=\"200\",method=\"other\",transport=\"http\"}";
        long before = value(series);
        send("BREW", echo.port(), "/pot");
        send("X-" + System.nanoTime(), echo.port(), "/pot");
        assertEquals(before + 2, awaitValue(series, before + 2));
        assertTrue(!metricsText().contains("method=\"BREW\""));
    }

    @Test
    void metricsHaveTheJvmAndProcessFamilies() throws Exception {
        HttpResponse<String> r = admin("GET", "/metrics");
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        for (String family : new String[] {
            "jvm_memory_used_bytes", "jvm_gc_collection_seconds_count", "jvm_threads_current",
            "process_cpu_seconds_total", "process_resident_memory_bytes", "duet_request_duration_seconds_bucket",
            "duet_connections_active", "duet_connections_total", "duet_received_bytes_total"
        }) {
            assertTrue(r.body().contains("\n" + family), family + " missing from /metrics");
        }
    }

    @Test
    void theInspectorPageIsServedUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = admin("GET", "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(
                InspectorRoutes.POLICY,
                page.headers().firstValue("Content-Security-Policy").orElse(""));
        assertTrue(InspectorRoutes.POLICY.contains("script-src 'self';") && !InspectorRoutes.POLICY.contains("unsafe"));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertTrue(page.body().contains("data-history=\"100\""), "the history size, from the server");
        assertTrue(!page.body().contains("<script>") && !page.body().contains(" on"), "no inline script or handler");
        assertEquals(200, admin("GET", "/inspector.js").statusCode());
    }

    private String metricsText() throws Exception {
        return admin("GET", "/metrics").body();
    }

    private long value(String series) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E]+)$")
                .matcher(metricsText());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    /** The series' value once it reaches {@code expected}: Jetty runs its request log after the answer. */
    private long awaitValue(String series, long expected) throws Exception {
        return Await.until(series + " >= " + expected, Duration.ofSeconds(5), () -> value(series), v -> v >= expected);
    }
}
