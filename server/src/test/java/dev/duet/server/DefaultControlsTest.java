package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.server.admin.AdminToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chaos for a whole instance: {@code --default-controls} shapes every answer whose request brings
 * no control of its own, {@code PUT /controls} and {@code DELETE /controls} change that at run
 * time (with the admin token when there is one), and the control plane itself is never touched.
 */
class DefaultControlsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final String TOKEN = "chaos-token";

    private EchoWithAdmin servers;

    private void start(String... words) {
        servers = EchoWithAdmin.start("chaos-1", AdminToken.of(Optional.of(TOKEN)), words);
    }

    @AfterEach
    void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static HttpResponse<String> send(String method, String url, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> echo(String target, String... headers) throws Exception {
        return send("GET", "http://127.0.0.1:" + servers.echo().port() + target, null, headers);
    }

    private HttpResponse<String> admin(String method, String path, String body, String... headers) throws Exception {
        return send(method, "http://127.0.0.1:" + servers.admin().port() + path, body, headers);
    }

    private double applied(String control) throws Exception {
        Matcher m = Pattern.compile("duet_controls_applied_total\\{control=\"" + control + "\"} (\\S+)")
                .matcher(admin("GET", "/metrics", null).body());
        assertTrue(m.find(), control);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void defaultsShapeRequestsThatBringNoControlOfTheirOwn() throws Exception {
        start("--quiet", "--default-controls", "status=500;header=X-Chaos: on; and on", "--seed", "5");
        HttpResponse<String> plain = echo("/any?x=1");
        assertEquals(500, plain.statusCode());
        assertEquals("/any?x=1", plain.body());
        assertEquals("on; and on", plain.headers().firstValue("X-Chaos").orElse(""), "a ';' inside a header value");

        // a request with a control of its own is answered as it asks, with none of the defaults
        HttpResponse<String> own = echo("/own", "X-Duet-Status", "201");
        assertEquals(201, own.statusCode());
        assertTrue(own.headers().firstValue("X-Chaos").isEmpty());
        assertEquals(201, echo("/own?duet-status=201").statusCode());

        // counted requests are shaped too; the tally, which only asks what the server saw, is not
        assertEquals(500, echo("/run", "X-Duet-Run", "r1", "X-Duet-Seq", "1").statusCode());
        HttpResponse<String> tally = echo("/run?duet-tally=r1", "X-Duet-Tally", "r1");
        assertEquals(200, tally.statusCode());
        assertTrue(tally.body().contains("\"run\":\"r1\""), tally.body());

        // the control plane is never touched
        assertEquals("ok\n", admin("GET", "/healthz", null).body());
        assertEquals(200, admin("GET", "/readyz", null).statusCode());
        assertEquals(4.0, applied("status"), "two 500s and two 201s: each answer once");
        assertEquals(2.0, applied("header"));

        JsonNode version =
                new ObjectMapper().readTree(admin("GET", "/version", null).body());
        assertEquals(
                "status=500;header=X-Chaos: on; and on",
                version.get("controls").get("defaults").asText());
        assertEquals(5, version.get("controls").get("seed").asLong());
    }

    @Test
    void theControlPlaneChangesThemAtRunTimeWithItsToken() throws Exception {
        start("--quiet", "--seed", "9");
        assertEquals(200, echo("/calm").statusCode());
        assertEquals(
                "{\"defaults\":\"\",\"seed\":9}",
                admin("GET", "/controls", null).body());

        assertEquals(401, admin("PUT", "/controls", "status=503").statusCode(), "no token, no change");
        assertEquals(200, echo("/still-calm").statusCode());

        String bearer = "Bearer " + TOKEN;
        HttpResponse<String> put = admin("PUT", "/controls", "status=503:100", "Authorization", bearer);
        assertEquals(200, put.statusCode());
        assertEquals("{\"defaults\":\"status=503:100\",\"seed\":9}", put.body());
        assertEquals(503, echo("/storm").statusCode());
        assertEquals(503, echo("/storm").statusCode());

        HttpResponse<String> bad = admin("PUT", "/controls", "delay=1h", "Authorization", bearer);
        assertEquals(400, bad.statusCode());
        assertEquals("delay: 1h is longer than this server allows (--max-delay 30s)\n", bad.body());
        assertEquals(503, echo("/storm").statusCode(), "a refused change changes nothing");

        HttpResponse<String> cleared = admin("DELETE", "/controls", null, "Authorization", bearer);
        assertEquals("{\"defaults\":\"\",\"seed\":9}", cleared.body());
        assertEquals(200, echo("/calm-again").statusCode());
        assertEquals(3.0, applied("status"));
    }

    @Test
    void defaultsThatDoNotParseAreAUsageErrorAtStart() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                List.of("--port", "0", "--max-delay", "5s", "--default-controls", "status=500;delay=10s"),
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .startsWith("duet-server: --default-controls: delay: 10s is longer than this server allows"
                                + " (--max-delay 5s)\n"),
                err.toString(StandardCharsets.UTF_8));
    }
}
