package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            bench (\\S+): (?:4 connections|4 streams over 1 connection) for 300ms, closed loop
            (requests|round trips): ([\\d,]+) \\([\\d,]+/s\\)
            errors: 0
            (status: 2\\d\\d [\\d,]+
            )?latency: p50 [\\d.]+ms  p90 [\\d.]+ms  p99 [\\d.]+ms  p99\\.9 [\\d.]+ms  max [\\d.]+ms
            (path:    p50 [\\d.]+ms  p90 [\\d.]+ms  p99 [\\d.]+ms  p99\\.9 [\\d.]+ms  max [\\d.]+ms  \\(from sending, less \
            the server's own time\\)
            )?(connect: .* \\(\\d+ new connections?\\)
            )?(tls:     .* \\(handshakes\\)
            )?(first byte: .* \\(a new connection's first answer, from its connect\\)
            )?(traffic: sent [\\d.]+ [KMG]?B \\([\\d.]+ [KMG]?B/s\\), received [\\d.]+ [KMG]?B \\([\\d.]+ [KMG]?B/s\\)
            )?""");

    @TempDir
    Path dir;

    private static long count(ClientRun.Result r, String target, String unit) {
        Matcher m = REPORT.matcher(r.out());
        assertTrue(m.matches(), r.out() + r.err());
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
            // a Duet server says its own time on each request: the rest is the path's
            assertTrue(r.out().contains("\npath:    p50 "), r.out());
        }
    }

    @Test
    void theJsonSummaryHasThePathsLatencyAndTheRunCountedAtBothEnds() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            for (boolean http2 : List.of(false, true)) {
                List<String> args = new java.util.ArrayList<>(List.of(
                        "bench",
                        "http://127.0.0.1:" + server.port() + "/c",
                        "--json",
                        "--concurrency",
                        "4",
                        "--duration",
                        "300ms"));
                if (http2) {
                    args.add("--http2");
                }
                ClientRun.Result r = ClientRun.run(args.toArray(String[]::new));
                assertEquals(0, r.exitCode(), r.err());
                JsonNode json = new ObjectMapper().readTree(r.out());
                long answered = json.get("answered").asLong();
                assertTrue(answered > 0, r.out());
                assertEquals(answered, json.get("sent").asLong(), r.out());
                assertEquals(answered, json.get("reachedServer").asLong(), r.out());
                assertEquals(0, json.get("duplicates").asLong(), r.out());
                assertEquals(0, json.get("neverArrived").asLong(), r.out());
                assertEquals(0, json.get("answeredInBetween").asLong(), r.out());
                assertTrue(
                        json.get("path").get("p50").asDouble()
                                <= json.get("latency").get("p50").asDouble(),
                        r.out());
                assertEquals("", r.err());
            }
        }
    }

    @Test
    void withRunIdOffNothingIsCounted() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            ClientRun.Result r = ClientRun.run(
                    "bench",
                    "http://127.0.0.1:" + server.port() + "/c",
                    "--json",
                    "--run-id",
                    "off",
                    "--concurrency",
                    "2",
                    "--duration",
                    "200ms");
            JsonNode json = new ObjectMapper().readTree(r.out());
            for (String key : List.of("sent", "reachedServer", "duplicates", "neverArrived", "answeredInBetween")) {
                assertTrue(json.has(key) && json.get(key).isNull(), key + " in " + r.out());
            }
            assertTrue(json.get("path").isObject(), "the server's time is said whatever: " + r.out());
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
                    "--run-id", // the run's tally would be one more request, on a connection of its own
                    "off",
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
            // the streams of HTTP/2 share one connection, and the report says so
            assertTrue(r.out().startsWith("bench " + url + ": 4 streams over 1 connection for 300ms"), r.out());
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
            // and it used what it said: one connection, whatever transport it is counted under
            Matcher connections = Pattern.compile("(?m)^duet_connections_total\\{[^}]*} ([\\d.]+)$")
                    .matcher(text);
            double opened = 0;
            while (connections.find()) {
                opened += Double.parseDouble(connections.group(1));
            }
            assertEquals(1.0, opened, text);
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
                bench fork: 1 child for 300ms, closed loop
                round trips: [\\d,]+ \\([\\d,]+/s\\)
                errors: 0
                latency: .*
                """), r.out());
        assertTrue(!r.out().contains("round trips: 0 "), r.out());
    }

    @Test
    void whenNothingCanConnectTheFailuresAreCountedAndTheExitIsSevenAsForGet() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        for (String transport : List.of("http", "tcp")) {
            String target = (transport.equals("http") ? "http://" : "") + "127.0.0.1:" + port
                    + (transport.equals("http") ? "/" : "");
            List<String> args = transport.equals("http") ? List.of("bench", target) : List.of("bench", "tcp", target);
            ClientRun.Result r = ClientRun.run(java.util.stream.Stream.concat(
                            args.stream(), java.util.stream.Stream.of("--concurrency", "2", "--duration", "300ms"))
                    .toArray(String[]::new));
            assertEquals(7, r.exitCode(), r.out() + r.err());
            // refused connections are retried every 10 ms, each counted, until the time is up
            Matcher m = Pattern.compile(
                            "\nerrors: ([\\d,]+) \\(refused ([\\d,]+); first: cannot connect to 127\\.0\\.0\\.1:" + port
                                    + ": ")
                    .matcher(r.out());
            assertTrue(m.find(), r.out());
            assertEquals(m.group(1), m.group(2));
            assertTrue(Long.parseLong(m.group(1).replace(",", "")) >= 2, r.out());
            assertEquals(
                    "duet-client: cannot connect to 127.0.0.1:" + port + ": connection refused (all " + m.group(1)
                            + " attempts failed)\n",
                    r.err());
        }
    }

    /** Every key of --json, in order: the same shape from every run. */
    private static final List<String> JSON_KEYS = List.of(
            "target",
            "model",
            "rate",
            "connections",
            "streams",
            "duration",
            "seconds",
            "unit",
            "answered",
            "perSecond",
            "errors",
            "errorsByKind",
            "firstError",
            "latency",
            "service",
            "path",
            "sent",
            "reachedServer",
            "duplicates",
            "neverArrived",
            "answeredInBetween",
            "requests",
            "targetRate",
            "timetable",
            "dropped",
            "statusCodes",
            "bytesSent",
            "bytesReceived",
            "sentPerSecond",
            "receivedPerSecond",
            "connect",
            "tls",
            "firstByte",
            "thresholds",
            "breakingPoint",
            "aborted",
            "startedAt",
            "percentiles",
            "series",
            "histograms");

    private static JsonNode json(ClientRun.Result r) throws Exception {
        JsonNode report = new ObjectMapper().readTree(r.out());
        List<String> keys = new java.util.ArrayList<>();
        report.fieldNames().forEachRemaining(keys::add);
        assertEquals(JSON_KEYS, keys, r.out());
        return report;
    }

    @Test
    void jsonKeepsEveryKeyWithNullWhereThereIsNoValue() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            String url = "http://127.0.0.1:" + server.port() + "/j";
            // nothing failed: firstError is null; a closed loop over HTTP/1.1: no rate, no streams, no service
            JsonNode fine = json(ClientRun.run("bench", url, "--concurrency", "2", "--duration", "200ms", "--json"));
            for (String none : List.of(
                    "rate",
                    "streams",
                    "firstError",
                    "service",
                    "requests",
                    "targetRate",
                    "timetable",
                    "dropped",
                    "tls",
                    "thresholds",
                    "breakingPoint")) {
                assertTrue(fine.get(none).isNull(), none + ": " + fine);
            }
            assertTrue(fine.get("latency").get("p99").isNumber(), fine.toString());
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // nothing answered: no latency to report, and still the key
        ClientRun.Result refused = ClientRun.run(
                "bench", "http://127.0.0.1:" + port + "/", "--concurrency", "1", "--duration", "100ms", "--json");
        assertEquals(7, refused.exitCode(), refused.err());
        JsonNode none = json(refused);
        assertTrue(none.get("latency").isNull(), none.toString());
        assertEquals(0, none.get("answered").asLong(), none.toString());
        assertTrue(none.get("firstError").asText().startsWith("cannot connect to 127.0.0.1:" + port), none.toString());
    }

    @Test
    void forkStartsItsChildJvmsBeforeTheClock() throws Exception {
        // how long a child JVM takes to start and answer here, now: what the first round trip used to hold
        long started = System.nanoTime();
        try (dev.duet.client.fork.ForkRoundTrip child =
                dev.duet.client.fork.ForkRoundTrip.start("hi", java.time.Duration.ofSeconds(30))) {
            child.once();
        }
        double jvmStartMs = (System.nanoTime() - started) / 1e6;
        JsonNode s = json(ClientRun.run("bench", "fork", "--concurrency", "2", "--duration", "500ms", "--json"));
        assertEquals(0, s.get("errors").asLong(), s.toString());
        assertEquals(2, s.get("connections").asInt(), s.toString());
        // the run's slowest round trip is a round trip over a pipe, not a JVM's start
        assertTrue(s.get("latency").get("max").asDouble() < jvmStartMs * 0.8, jvmStartMs + " ms to start; " + s);
    }

    @Test
    void failuresAreCountedByKindAndTheRunGoesOn() {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            String url = "http://127.0.0.1:" + server.port() + "/busy";
            ClientRun.Result unavailable = ClientRun.run(
                    "bench", url, "-H", "X-Duet-Status: 503", "--concurrency", "2", "--duration", "300ms");
            // every answer was a 503: all counted, as errors of their status, and the exit still 0
            assertEquals(0, unavailable.exitCode(), unavailable.err());
            Matcher m = Pattern.compile(
                            "requests: ([\\d,]+) .*\nerrors: ([\\d,]+) \\(status 503 ([\\d,]+); first: status 503\\)\n")
                    .matcher(unavailable.out());
            assertTrue(m.find(), unavailable.out());
            assertEquals(m.group(1), m.group(2));
            assertEquals(m.group(1), m.group(3));

            ClientRun.Result reset = ClientRun.run(
                    "bench",
                    url,
                    "-H",
                    "X-Duet-Fault: reset",
                    "--concurrency",
                    "2",
                    "--duration",
                    "300ms",
                    "--fail-on-error");
            // nothing answered: exit 1 whatever --fail-on-error says, and each reset counted
            assertEquals(1, reset.exitCode(), reset.out());
            assertTrue(
                    reset.out()
                            .matches(
                                    "(?s).*\nerrors: [\\d,]+ \\((closed|reset) [\\d,]+(, (closed|reset) [\\d,]+)?; first: .*"),
                    reset.out());
        }
    }

    @Test
    void anAnswerThatIsNotHttpIsCountedAsABadAnswer() throws Exception {
        try (dev.duet.client.http.RawServer garbage = dev.duet.client.http.RawServer.answering("HELLO THERE\r\n\r\n")) {
            ClientRun.Result r = ClientRun.run(
                    "bench",
                    "http://" + garbage.address() + "/",
                    "--concurrency",
                    "1",
                    "--duration",
                    "300ms",
                    "--json");
            JsonNode s = new ObjectMapper().readTree(r.out());
            assertEquals(List.of("bad answer"), iterate(s.get("errorsByKind").fieldNames()), r.out());
            assertTrue(s.get("firstError").asText().startsWith("not an HTTP/1.x status line: HELLO THERE"), r.out());
        }
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void failOnErrorTurnsAnyFailureIntoExitOne() {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            String url = "http://127.0.0.1:" + server.port() + "/half";
            // every answer a 404: each answered, and each counted as an error of its status
            ClientRun.Result tolerant = ClientRun.run(
                    "bench", url, "-H", "X-Duet-Status: 404", "--concurrency", "1", "--duration", "100ms");
            assertEquals(0, tolerant.exitCode(), tolerant.out());
            ClientRun.Result strict = ClientRun.run(
                    "bench",
                    url,
                    "-H",
                    "X-Duet-Status: 404",
                    "--concurrency",
                    "1",
                    "--duration",
                    "100ms",
                    "--fail-on-error");
            assertEquals(1, strict.exitCode(), strict.out());
            assertTrue(
                    strict.err()
                            .matches("duet-client: [\\d,]+ of [\\d,]+ requests failed against "
                                    + java.util.regex.Pattern.quote(url) + " \\(first: status 404\\)\n"),
                    strict.err());
        }
    }

    @Test
    void theHistogramFileIsHdrHistogramsPercentileDistribution() throws Exception {
        Path hgrm = dir.resolve("latency.hgrm");
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            ClientRun.Result r = ClientRun.run(
                    "bench",
                    "http://127.0.0.1:" + server.port() + "/h",
                    "--concurrency",
                    "2",
                    "--duration",
                    "300ms",
                    "--histogram",
                    hgrm.toString());
            assertEquals(0, r.exitCode(), r.err());
            Matcher requests = Pattern.compile("\nrequests: ([\\d,]+) ").matcher(r.out());
            assertTrue(requests.find(), r.out());
            long answered = Long.parseLong(requests.group(1).replace(",", ""));
            List<String> lines = java.nio.file.Files.readAllLines(hgrm);
            assertEquals("       Value     Percentile TotalCount 1/(1-Percentile)", lines.get(0));
            assertTrue(lines.get(lines.size() - 1).startsWith("#[Buckets = "), lines.toString());
            String total = lines.get(lines.size() - 2);
            assertTrue(total.matches("#\\[Max += +[\\d.]+, Total count += +" + answered + "]"), total);
        }
    }

    @Test
    void onATerminalAProgressLineShowsTheRunOnceASecond() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            BenchConfig config = BenchConfig.http(dev.duet.common.Arguments.parse(
                    dev.duet.client.ClientOptions.BENCH,
                    List.of("http://127.0.0.1:" + server.port() + "/p", "--concurrency", "2", "--duration", "2500ms"),
                    java.util.Map.of()));
            new BenchCommand(
                            config,
                            new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                            new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                            true)
                    .run();
            String progress = err.toString(StandardCharsets.UTF_8);
            Matcher line = Pattern.compile("\r    (\\d)s +[\\d,]+ requests +[\\d,]+/s  errors 0  p99 [\\d.]+ms   ")
                    .matcher(progress);
            List<String> seconds = new java.util.ArrayList<>();
            while (line.find()) {
                seconds.add(line.group(1));
            }
            assertEquals(List.of("1", "2"), seconds, progress);
            assertTrue(progress.endsWith("\r" + " ".repeat(78) + "\r"), progress);
        }
    }

    @Test
    void aTargetIsRequired() {
        ClientRun.Result r = ClientRun.run("bench");
        assertEquals(2, r.exitCode());
        assertEquals("duet-client: missing URL", r.err().lines().findFirst().orElseThrow());
    }
}
