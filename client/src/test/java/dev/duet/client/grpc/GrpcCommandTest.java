package dev.duet.client.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.common.GrpcioPeers;
import dev.duet.common.Needs;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.http.RunningEchoServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code duet-client grpc} and {@code bench grpc} against the real server, and a Python grpcio one. */
class GrpcCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet", "--max-body", "64");

    @TempDir
    Path dir;

    private static String url() {
        return "localhost:" + server.port();
    }

    @Test
    void printsTheStatusAndTheMessageOfEachCall() {
        ClientRun.Result r = ClientRun.run("grpc", url(), "--message", "hi there", "--count", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("status: OK\nhi there\nstatus: OK\nhi there\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void jsonHasGetsFieldsAndWhatTheServerReceivedMetadataIncluded() throws Exception {
        ClientRun.Result r = ClientRun.run("grpc", "http://" + url(), "--json", "--metadata", "X-Team:blue");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode line = JSON.readTree(r.out());
        assertEquals("http://" + url() + "/", line.get("url").asText());
        assertEquals(0, line.get("statusCode").asInt());
        assertEquals("OK", line.get("status").asText());
        assertEquals("h2c", line.get("protocol").asText());
        assertEquals("hello", line.get("body").asText());
        assertEquals(5, line.get("bodyBytes").asInt());
        assertTrue(line.get("timings").get("totalMs").asDouble() > 0);
        JsonNode received = line.get("received");
        assertEquals("/duet.v1.Echo/Echo", received.get("method").asText());
        assertEquals(url(), received.get("authority").asText());
        assertTrue(received.get("metadata").toString().contains("[\"x-team\",\"blue\"]"), received.toString());
    }

    @Test
    void aStatusOtherThanOkIsPrintedAndExits22() {
        ClientRun.Result r = ClientRun.run("grpc", url(), "--message", "x".repeat(100));
        assertEquals(22, r.exitCode());
        assertTrue(r.out().startsWith("status: RESOURCE_EXHAUSTED: "), r.out());
        assertTrue(r.err().startsWith("duet-client: " + url() + " answered RESOURCE_EXHAUSTED"), r.err());
    }

    @Test
    void overTlsTheCertificateIsCheckedAsGetChecksIt() throws Exception {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer tls = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--quiet", "--tls", "self-signed", "--write-cert", cert.toString()))) {
            String https = "https://localhost:" + tls.port();
            ClientRun.Result trusted = ClientRun.run("grpc", https, "--cacert", cert.toString(), "--json");
            assertEquals(0, trusted.exitCode(), trusted.err());
            JsonNode line = JSON.readTree(trusted.out());
            assertEquals("h2", line.get("protocol").asText());
            assertTrue(line.get("tls").get("version").asText().startsWith("TLSv1."), line.toString());
            assertEquals("localhost", line.get("received").get("tls").get("sni").asText());

            ClientRun.Result untrusted = ClientRun.run("grpc", https);
            assertEquals(60, untrusted.exitCode(), untrusted.err());

            ClientRun.Result insecure = ClientRun.run("grpc", https, "-k");
            assertEquals(0, insecure.exitCode(), insecure.err());
            assertEquals("status: OK\nhello\n", insecure.out());
        }
    }

    @Test
    void nothingListeningExits7AndAPathIsAUsageMistake() {
        ClientRun.Result refused = ClientRun.run("grpc", "127.0.0.1:1");
        assertEquals(7, refused.exitCode(), refused.err());
        assertEquals("duet-client: cannot connect to 127.0.0.1:1: connection refused\n", refused.err());

        ClientRun.Result path = ClientRun.run("grpc", url() + "/duet.v1.Echo/Echo");
        assertEquals(3, path.exitCode());
        assertTrue(path.err().contains("a gRPC URL names a server, not a path"), path.err());

        ClientRun.Result metadata = ClientRun.run("grpc", url(), "--metadata", "no colon");
        assertEquals(2, metadata.exitCode());
        assertTrue(metadata.err().contains("expected KEY:VALUE"), metadata.err());
    }

    @Test
    void callsAPythonGrpcioEchoServer() throws Exception {
        Needs.present(GrpcioPeers.available(), "Python's grpcio for /usr/bin/python3 (apt-get install python3-grpcio)");
        try (GrpcioPeers.Server python = new GrpcioPeers.Server()) {
            ClientRun.Result r = ClientRun.run("grpc", "127.0.0.1:" + python.port(), "--message", "to python");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("status: OK\nto python\n", r.out());
            ClientRun.Result bench = ClientRun.run(
                    "bench",
                    "grpc",
                    "127.0.0.1:" + python.port(),
                    "--duration",
                    "1s",
                    "--concurrency",
                    "2",
                    "--stream");
            assertEquals(0, bench.exitCode(), bench.err());
            assertTrue(bench.out().contains("errors: 0\n"), bench.out());
        }
    }

    @Test
    void benchLoadsUnaryCallsAndStreamsWithTheHttpReport() throws Exception {
        for (String mode : new String[] {"--concurrency", "--stream"}) {
            ClientRun.Result r = mode.equals("--stream")
                    ? ClientRun.run(
                            "bench", "grpc", url(), "--duration", "1s", "--concurrency", "3", "--stream", "--json")
                    : ClientRun.run("bench", "grpc", url(), "--duration", "1s", "--concurrency", "3", "--json");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode report = JSON.readTree(r.out());
            assertTrue(report.get("answered").asLong() > 0, r.out());
            assertEquals(0, report.get("errors").asLong(), r.out());
            assertEquals(3, report.get("streams").asInt(), r.out());
        }
        ClientRun.Result text = ClientRun.run("bench", "grpc", url(), "--duration", "1s", "--concurrency", "2");
        assertTrue(
                text.out().startsWith("bench http://" + url() + "/: 2 streams over 1 connection for 1s"), text.out());
    }

    @Test
    void benchGrpcTakesEveryBenchsShapesCountsAndThresholds() throws Exception {
        ClientRun.Result counted =
                ClientRun.run("bench", "grpc", url(), "-n", "30", "--concurrency", "3", "--stream", "--json");
        assertEquals(0, counted.exitCode(), counted.err());
        JsonNode closed = JSON.readTree(counted.out());
        assertEquals("closed", closed.get("model").asText());
        assertEquals(30, closed.get("answered").asLong(), counted.out());
        assertEquals(30, closed.get("requests").asLong(), counted.out());
        assertEquals("round trips", closed.get("unit").asText());

        ClientRun.Result paced = ClientRun.run(
                "bench", "grpc", url(), "--rate", "20", "--duration", "1s", "--concurrency", "2", "--json");
        assertEquals(0, paced.exitCode(), paced.err());
        JsonNode open = JSON.readTree(paced.out());
        assertEquals("open", open.get("model").asText());
        assertEquals(20, open.get("rate").asInt(), paced.out());
        assertEquals(0, open.get("errors").asLong(), paced.out());

        // a status other than OK counts as an error (aStatusOtherThanOk…): none here, so it holds
        ClientRun.Result held =
                ClientRun.run("bench", "grpc", url(), "-n", "10", "--concurrency", "1", "--threshold", "errors<1%");
        assertEquals(0, held.exitCode(), held.err());
        assertTrue(held.out().contains("thresholds: errors<1% ok (0.000%)"), held.out());
    }
}
