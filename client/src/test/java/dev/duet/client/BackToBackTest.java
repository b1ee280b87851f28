package dev.duet.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.stream.StreamEchoServer;
import dev.duet.server.stream.StreamServerConfig;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Without --interval every command sends back to back, once unless --count says more; the
 * article's pace (--interval 3s) is asked for. Each run here would take at least 6 s at that pace
 * (tcp without --count: forever); back to back it is done in well under that, a child JVM's start
 * included, on a busy machine too.
 */
class BackToBackTest {
    private static final Duration UNDER_THE_OLD_PACE = Duration.ofSeconds(5);

    private static ClientRun.Result timed(Supplier<ClientRun.Result> run) {
        long start = System.nanoTime();
        ClientRun.Result r = run.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(UNDER_THE_OLD_PACE) < 0, "took " + took + ": " + r);
        return r;
    }

    @Test
    void getCountSendsBackToBack() {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            String url = "127.0.0.1:" + server.port() + "/n";
            assertEquals(
                    new ClientRun.Result(0, "statusCode: 200\n/n\n".repeat(5), ""),
                    timed(() -> ClientRun.run(url, "--count", "5")));
        }
    }

    @Test
    void tcpCountSendsBackToBackAndOnceWithoutIt() throws Exception {
        try (StreamEchoServer server =
                StreamEchoServer.start(StreamServerConfig.tcp("--host", "127.0.0.1", "--port", "0", "--quiet"))) {
            String address = "127.0.0.1:" + server.port();
            assertEquals(
                    new ClientRun.Result(
                            0, "connected.\n" + "send: hello\nreceive: hello\n".repeat(3) + "disconnected.\n", ""),
                    timed(() -> ClientRun.run("tcp", address, "--count", "3")));
            assertEquals(
                    new ClientRun.Result(0, "connected.\nsend: hello\nreceive: hello\ndisconnected.\n", ""),
                    timed(() -> ClientRun.run("tcp", address)));
        }
    }

    @Test
    void wsCountSendsBackToBack() {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            ClientRun.Result r =
                    timed(() -> ClientRun.run("ws", "ws://127.0.0.1:" + server.port() + "/chat", "--count", "3"));
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(
                    Pattern.matches(
                            "connected\\.\n(send: hello\nreceive: hello \\(\\d+\\.\\d\\d ms\\)\n){3}round trips: 3, .*\n"
                                    + "disconnected\\.\n",
                            r.out()),
                    r.out());
        }
    }

    @Test
    void forkCountHasTheChildSayHelloAsSoonAsItIsAnswered() {
        // with --interval 3s the first hello alone comes after 3 s, the third after 9
        assertEquals(
                new ClientRun.Result(0, "message from child: hello\n".repeat(3), "message from parent: hi\n".repeat(3)),
                timed(() -> ClientRun.run("fork", "--count", "3")));
    }

    @Test
    void theHelpSaysTheDefaults() {
        for (String command : new String[] {"get", "tcp", "unix", "ws", "fork"}) {
            String help = ClientRun.run(command, "--help").out();
            assertTrue(help.contains("(env DUET_INTERVAL, default none: back to back)"), command + ": " + help);
            assertTrue(help.contains("default 1; with --interval, until interrupted"), command + ": " + help);
        }
    }
}
