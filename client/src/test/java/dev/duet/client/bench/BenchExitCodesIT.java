package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.client.ClientRun;
import dev.duet.client.Failure;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exit code bench, merge and report give, from the packaged jar, as CI sees them: 0 when all
 * held, 99 for a broken threshold (also when it stopped the run), 1 when nothing was answered or
 * --fail-on-error, 2 for bad usage, 6 unknown host, 7 nothing connected, 23 an output that cannot
 * be written, 26 a run file that is not a run.
 */
class BenchExitCodesIT {
    private static HttpEchoServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ClientRun.Result jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                Path.of("target", "duet-client.jar").toString()));
        command.addAll(List.of(args));
        return ClientRun.process(command, Map.of());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static void exits(int code, ClientRun.Result r, String errStart) {
        assertEquals(code, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith(errStart), r.err());
    }

    @Test
    void thresholdsGiveZeroWhenTheyHoldAndNinetyNineWhenOneBreaks() throws Exception {
        exits(0, jar("bench", url("/ok"), "-n", "200", "--concurrency", "2", "--threshold", "errors<1%"), "");
        assertEquals(99, Failure.Kind.THRESHOLD_BROKEN.exitCode());
        exits(
                99,
                jar(
                        "bench",
                        url("/bad"),
                        "-H",
                        "X-Duet-Status: 500",
                        "-n",
                        "200",
                        "--concurrency",
                        "2",
                        "--threshold",
                        "errors<1%",
                        "--threshold",
                        "p99<10s"),
                "duet-client: 1 of 2 thresholds broken against " + url("/bad") + ": errors<1% BROKEN (100.000%)\n");
        exits(
                99,
                jar(
                        "bench",
                        url("/stop"),
                        "-H",
                        "X-Duet-Status: 500",
                        "--duration",
                        "60s",
                        "--concurrency",
                        "2",
                        "--threshold",
                        "errors<1%",
                        "--abort-on-threshold"),
                "duet-client: 1 of 1 thresholds broken against " + url("/stop") + " (the run stopped early):");
    }

    @Test
    void nothingAnsweredOrFailOnErrorGiveOne() throws Exception {
        exits(
                1,
                jar("bench", url("/r"), "-H", "X-Duet-Fault: reset", "--duration", "300ms", "--concurrency", "1"),
                "duet-client: ");
        exits(
                1,
                jar(
                        "bench",
                        url("/e"),
                        "-H",
                        "X-Duet-Status: 404",
                        "-n",
                        "10",
                        "--concurrency",
                        "1",
                        "--fail-on-error"),
                "duet-client: 10 of 10 requests failed against " + url("/e") + " (first: status 404)\n");
    }

    @Test
    void badUsageGivesTwo() throws Exception {
        exits(2, jar("bench", url("/"), "--threshold", "p99=5ms"), "duet-client: --threshold: expected a threshold");
        exits(2, jar("bench", url("/"), "--ramp", "5s"), "duet-client: --ramp needs --rate FROM..TO\n");
        exits(2, jar("bench", url("/"), "--rate", "5", "--stages", "1s:5"), "duet-client: give --rate or --stages");
        exits(
                2,
                jar("bench", url("/"), "--threshold", "rate>=0.9*target"),
                "duet-client: --threshold rate>=0.9*target needs --rate or --stages");
        exits(2, jar("merge"), "duet-client: missing FILE");
    }

    @Test
    void anUnknownHostGivesSixAndNoConnectionSeven() throws Exception {
        exits(6, jar("bench", "http://no-such-host.invalid/", "-n", "1"), "duet-client: unknown host");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        exits(
                7,
                jar("bench", "http://127.0.0.1:" + port + "/", "--duration", "200ms", "--threshold", "p99<1s"),
                "duet-client: cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void runFilesThatAreNotRunsGiveTwentySixAndAnOutputThatCannotBeWrittenTwentyThree() throws Exception {
        Path notJson = Files.writeString(dir.resolve("log.txt"), "statusCode: 200\n");
        exits(
                26,
                jar("merge", notJson.toString()),
                "duet-client: log.txt is not JSON (bench --json's output) at line 1");
        Path notRun = Files.writeString(dir.resolve("other.json"), "{\"a\": 1}\n");
        exits(
                26,
                jar("report", notRun.toString(), "--out", dir.resolve("x.html").toString()),
                "duet-client: other.json is not a run bench --json saved");
        exits(26, jar("merge", dir.resolve("missing.json").toString()), "duet-client: no such file: ");
        Path run = dir.resolve("run.json");
        Files.writeString(
                run,
                jar("bench", url("/m"), "-n", "50", "--concurrency", "1", "--json")
                        .out());
        exits(
                0,
                jar(
                        "merge",
                        run.toString(),
                        run.toString(),
                        "--out",
                        dir.resolve("all.json").toString()),
                "");
        exits(
                23,
                jar(
                        "merge",
                        run.toString(),
                        "--out",
                        dir.resolve("no/such/dir.json").toString()),
                "duet-client: cannot write ");
    }
}
