package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.client.ClientRun;
import dev.duet.server.Instance;
import dev.duet.server.ServerIdentity;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import dev.duet.server.stream.StreamEchoServer;
import dev.duet.server.stream.StreamServerConfig;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load mode against real servers: what it reports, and that it counts failures. */
class BenchCommandTest {
    private static final Pattern REPORT = Pattern.compile("""
            bench (\\S+): 4 connections for 300ms
            (requests|round trips): ([\\d,]+) \\([\\d,]+/s\\)
            errors: 0
            latency: p50 [\\d.]+ms  p90 [\\d.]+ms  p99 [\\d.]+ms  p99\\.9 [\\d.]+ms  max [\\d.]+ms
            """);

    @TempDir
    Path dir;

    private static long count(ClientRun.Result r, String target, String unit) {
        Matcher m = REPORT.matcher(r.out());
        assertTrue(m.matches(), r.out());
        assertEquals(target, m.group(1));
        assertEquals(unit, m.group(2));
        return Long.parseLong(m.group(3).replace(",", ""));
    }

    @Test
    void loadsAnHttpServerAndReportsRateAndPercentiles() {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral())) {
            String url = "http://127.0.0.1:" + server.port() + "/hello";
            ClientRun.Result r = ClientRun.run("bench", url, "--concurrency", "4", "--duration", "300ms");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(count(r, url, "requests") > 0);
        }
    }

    @Test
    void loadsOverHttp2WithTheMethodHeadersAndBodyGivenAndTheServerCountsEveryOne() throws Exception {
        Metrics metrics = Metrics.create();
        Instance instance = new Instance(
                new ServerIdentity("b", "b", List.of("127.0.0.1")), metrics, Activity.NONE, LogFormat.TEXT);
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"), instance)) {
            String url = "http://127.0.0.1:" + server.port() + "/load";
            ClientRun.Result r = ClientRun.run(
                    "bench",
                    url,
                    "--http2",
                    "-X",
                    "PUT",
                    "-H",
                    "X-Duet-Status: 201",
                    "-d",
                    "payload",
                    "--concurrency",
                    "4",
                    "--duration",
                    "300ms");
            assertEquals(0, r.exitCode(), r.err());
            long requests = count(r, url, "requests");
            // every request the report counts, the server answered over HTTP/2 as a PUT, with the status asked for
            String series = "duet_requests_total{code=\"201\",method=\"PUT\",transport=\"h2\"} " + (double) requests;
            long deadline = System.nanoTime() + 10_000_000_000L;
            String text;
            do {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                metrics.writeTo(out);
                text = out.toString(StandardCharsets.UTF_8);
            } while (!text.contains(series + "\n") && System.nanoTime() < deadline);
            assertTrue(text.contains(series + "\n"), text);
        }
    }

    @Test
    void loadsAnHttpsServerTrustingWhatItIsTold() {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer server = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--quiet", "--tls", "self-signed", "--write-cert", cert.toString()))) {
            String url = "https://localhost:" + server.port() + "/tls";
            ClientRun.Result r = ClientRun.run(
                    "bench", url, "--cacert", cert.toString(), "--concurrency", "4", "--duration", "300ms");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(count(r, url, "requests") > 0);
        }
    }

    @Test
    void loadsTcpAndUnixEchoServersWithRoundTrips() throws Exception {
        Path socket = dir.resolve("b.sock");
        try (StreamEchoServer tcp = StreamEchoServer.start(
                        StreamServerConfig.tcp("--host", "127.0.0.1", "--port", "0", "--quiet"));
                StreamEchoServer unix =
                        StreamEchoServer.start(StreamServerConfig.unix("--path", socket.toString(), "--quiet"))) {
            String tcpTarget = "127.0.0.1:" + tcp.port();
            ClientRun.Result overTcp =
                    ClientRun.run("bench", "tcp", tcpTarget, "--concurrency", "4", "--duration", "300ms");
            assertTrue(count(overTcp, tcpTarget, "round trips") > 0);
            ClientRun.Result overUnix =
                    ClientRun.run("bench", "unix", socket.toString(), "--concurrency", "4", "--duration", "300ms");
            assertTrue(count(overUnix, socket.toString(), "round trips") > 0);
        }
    }

    @Test
    void roundTripsWithAChildJvmOverTheForkChannel() {
        ClientRun.Result r = ClientRun.run("bench", "fork", "--duration", "300ms");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("""
                bench fork: 1 child for 300ms
                round trips: [\\d,]+ \\([\\d,]+/s\\)
                errors: 0
                latency: .*
                """), r.out());
        assertTrue(!r.out().contains("round trips: 0 "), r.out());
    }

    @Test
    void failedRequestsAreCountedAndExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClientRun.Result r =
                ClientRun.run("bench", "tcp", "127.0.0.1:" + port, "--concurrency", "2", "--duration", "100ms");
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("\nerrors: 2 (first: cannot connect to 127.0.0.1:" + port + ": "), r.out());
    }

    @Test
    void aTargetIsRequired() {
        ClientRun.Result r = ClientRun.run("bench");
        assertEquals(2, r.exitCode());
        assertEquals("duet-client: missing URL", r.err().lines().findFirst().orElseThrow());
    }
}
