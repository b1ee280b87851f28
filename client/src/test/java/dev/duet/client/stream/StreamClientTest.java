package dev.duet.client.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.client.ClientRun;
import dev.duet.server.stream.StreamEchoServer;
import dev.duet.server.stream.StreamServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The article's stream client against Duet's echo server, over both transports. */
class StreamClientTest {
    @TempDir
    Path dir;

    private StreamEchoServer serve(String transport) throws IOException {
        return StreamEchoServer.start(
                transport.equals("unix")
                        ? StreamServerConfig.unix(
                                "--path", dir.resolve("c.sock").toString(), "--quiet")
                        : StreamServerConfig.tcp("--host", "127.0.0.1", "--port", "0", "--quiet"));
    }

    private String target(String transport, StreamEchoServer server) throws IOException {
        return transport.equals("unix") ? dir.resolve("c.sock").toString() : "127.0.0.1:" + server.port();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void printsWhatTheArticlesClientPrints(String transport) throws Exception {
        try (StreamEchoServer server = serve(transport)) {
            ClientRun.Result r =
                    ClientRun.run(transport, target(transport, server), "--count", "2", "--interval", "10ms");
            assertEquals(
                    new ClientRun.Result(
                            0, "connected.\n" + "send: hello\nreceive: hello\n".repeat(2) + "disconnected.\n", ""),
                    r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void sendsTheMessageAskedFor(String transport) throws Exception {
        try (StreamEchoServer server = serve(transport)) {
            ClientRun.Result r =
                    ClientRun.run(transport, target(transport, server), "--count", "1", "--message", "héllo\twörld");
            assertEquals(
                    new ClientRun.Result(
                            0, "connected.\nsend: héllo\\twörld\nreceive: héllo\\twörld\ndisconnected.\n", ""),
                    r);
        }
    }

    @Test
    void tcpConnectionRefusedExitsSeven() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ClientRun.Result r = ClientRun.run("tcp", "127.0.0.1:" + port, "--count", "1");
        assertEquals(
                new ClientRun.Result(
                        7, "", "duet-client: cannot connect to 127.0.0.1:" + port + ": connection refused\n"),
                r);
    }

    @Test
    void aMissingSocketFileExitsSeven() {
        String path = dir.resolve("nobody.sock").toString();
        ClientRun.Result r = ClientRun.run("unix", path, "--count", "1");
        assertEquals(7, r.exitCode());
        assertEquals("duet-client: cannot connect to " + path + ": no such file or directory\n", r.err());
    }

    @Test
    void aServerThatNeverEchoesTimesOutWith28() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ClientRun.Result r =
                    ClientRun.run("tcp", "127.0.0.1:" + silent.getLocalPort(), "--count", "1", "--timeout", "200ms");
            assertEquals(
                    new ClientRun.Result(
                            28,
                            "connected.\nsend: hello\n",
                            "duet-client: no answer from 127.0.0.1:" + silent.getLocalPort()
                                    + " within 200ms (timeout)\n"),
                    r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void aPauseBetweenMessagesLongerThanTheTimeoutIsNoTimeout(String transport) throws Exception {
        // the timeout is for waiting on the server, never for the client's own interval
        try (StreamEchoServer server = serve(transport)) {
            ClientRun.Result r = ClientRun.run(
                    transport, target(transport, server), "--count", "2", "--interval", "400ms", "--timeout", "100ms");
            assertEquals(
                    new ClientRun.Result(
                            0, "connected.\n" + "send: hello\nreceive: hello\n".repeat(2) + "disconnected.\n", ""),
                    r);
        }
    }

    @Test
    void aServerThatHangsUpBeforeTheEchoExits56() throws Exception {
        try (ServerSocket rude = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = rude.accept()) {
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the test reads what the client saw
                }
            });
            t.start();
            ClientRun.Result r = ClientRun.run("tcp", "127.0.0.1:" + rude.getLocalPort(), "--count", "1");
            t.join();
            assertEquals(
                    new ClientRun.Result(
                            56,
                            "connected.\nsend: hello\ndisconnected.\n",
                            "duet-client: 127.0.0.1:" + rude.getLocalPort()
                                    + " closed the connection before echoing every byte\n"),
                    r);
        }
    }

    @Test
    void tlsTrustsTheServersCertificateAsHttpsDoesAndEchoesOverIt() throws Exception {
        Path cert = dir.resolve("tcp.pem");
        try (StreamEchoServer server = StreamEchoServer.start(StreamServerConfig.tcp(
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--quiet",
                "--tls",
                "self-signed",
                "--write-cert",
                cert.toString()))) {
            String address = "localhost:" + server.port();
            assertEquals(
                    new ClientRun.Result(
                            0, "connected.\n" + "send: hello\nreceive: hello\n".repeat(2) + "disconnected.\n", ""),
                    ClientRun.run("tcp", address, "--tls", "--cacert", cert.toString(), "--count", "2"));
            // a certificate nobody said to trust: curl's 60, as for https
            ClientRun.Result untrusted = ClientRun.run("tcp", address, "--tls");
            assertEquals(60, untrusted.exitCode(), untrusted.err());
            assertTrue(
                    untrusted.err().startsWith("duet-client: the certificate of " + address + " is not trusted: "),
                    untrusted.err());
            // -k trusts anyone, and like --cacert it means TLS
            assertEquals(
                    new ClientRun.Result(0, "connected.\nsend: hi\nreceive: hi\ndisconnected.\n", ""),
                    ClientRun.run("tcp", address, "-k", "--message", "hi"));
        }
    }

    @Test
    void aSocketPathThePlatformCannotHoldIsAUsageError() {
        // found by ArgumentParserFuzzTest: this used to end in a stack trace
        ClientRun.Result r = ClientRun.run("unix", "bad\u0000path");
        assertEquals(2, r.exitCode());
        assertEquals(
                "duet-client: not a valid path: \"bad\\x00path\"",
                r.err().lines().findFirst().orElseThrow());
    }

    @Test
    void aTargetWithoutAPortIsAUsageError() {
        ClientRun.Result r = ClientRun.run("tcp", "localhost");
        assertEquals(2, r.exitCode());
        assertEquals(
                "duet-client: expected HOST:PORT, got \"localhost\"",
                r.err().lines().findFirst().orElseThrow());
    }
}
