package dev.duet.client.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.client.ClientRun;
import dev.duet.client.MutualTlsEcho;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** duet-client ws: messages round-trip over a WebSocket, each echo checked and timed. */
class WsCommandTest {
    private static final Pattern THREE_ROUND_TRIPS = Pattern.compile("""
            connected\\.
            (send: héllo\\nreceive: héllo \\(\\d+\\.\\d\\d ms\\)\\n){3}\
            round trips: 3, fastest \\d+\\.\\d\\d ms, mean \\d+\\.\\d\\d ms, slowest \\d+\\.\\d\\d ms
            disconnected\\.
            """);

    @TempDir
    Path dir;

    @Test
    void messagesRoundTripAndTheirTimesArePrinted() {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            ClientRun.Result r = ClientRun.run(
                    "ws",
                    "ws://127.0.0.1:" + server.port() + "/chat?room=1",
                    "--message",
                    "héllo",
                    "--count",
                    "3",
                    "--interval",
                    "10ms");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(THREE_ROUND_TRIPS.matcher(r.out()).matches(), r.out());
        }
    }

    @Test
    void secureWebSocketsTrustTheCacert() {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer server = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--quiet", "--tls", "self-signed", "--write-cert", cert.toString()))) {
            String url = "wss://localhost:" + server.port() + "/secure";
            ClientRun.Result r = ClientRun.run("ws", url, "--cacert", cert.toString(), "--count", "1");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().startsWith("connected.\nsend: hello\nreceive: hello ("), r.out());
            assertEquals(60, ClientRun.run("ws", url, "--count", "1").exitCode());
        }
    }

    @Test
    void mutualTlsWithoutACertificateIsExit35AndWithOneEchoes() throws Exception {
        try (MutualTlsEcho server = new MutualTlsEcho(dir)) {
            String url = "wss://localhost:" + server.port() + "/m";
            server.assertRefusedWithoutACertificate(tls -> ClientRun.run(command(tls, url)));
            ClientRun.Result known = ClientRun.run(command(server.knownClientFlags(), url));
            assertEquals(0, known.exitCode(), known.err());
            assertTrue(known.out().startsWith("connected.\nsend: hello\nreceive: hello ("), known.out());
        }
    }

    private static String[] command(List<String> tls, String url) {
        List<String> args = new ArrayList<>(List.of("ws", url, "--count", "1"));
        args.addAll(tls);
        return args.toArray(String[]::new);
    }

    @Test
    void aDifferentEchoIsExit56() throws Exception {
        try (FakeWebSocketServer fake = new FakeWebSocketServer("HELLO")) {
            ClientRun.Result r = ClientRun.run("ws", "127.0.0.1:" + fake.port() + "/", "--count", "2");
            assertEquals(56, r.exitCode());
            assertEquals("connected.\nsend: hello\n", r.out().substring(0, "connected.\nsend: hello\n".length()));
            assertTrue(r.out().contains("receive: HELLO ("), r.out());
            assertEquals(
                    "duet-client: ws://127.0.0.1:" + fake.port()
                            + "/ echoed a different message instead of the one sent\n",
                    r.err());
        }
    }

    @Test
    void aCloseFromTheServerIsExit56WithItsCodeAndReason() {
        try (HttpEchoServer server =
                HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet", "--max-message", "4"))) {
            ClientRun.Result r = ClientRun.run("ws", "ws://127.0.0.1:" + server.port() + "/", "--count", "1");
            assertEquals(56, r.exitCode());
            assertEquals(
                    "duet-client: ws://127.0.0.1:" + server.port()
                            + "/ closed the WebSocket: 1009 message larger than 4 bytes\n",
                    r.err());
        }
    }

    @Test
    void nobodyListeningIsExit7() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ClientRun.Result r = ClientRun.run("ws", "ws://127.0.0.1:" + port + "/", "--count", "1");
        assertEquals(
                new ClientRun.Result(
                        7, "", "duet-client: cannot connect to 127.0.0.1:" + port + ": connection refused\n"),
                r);
    }
}
