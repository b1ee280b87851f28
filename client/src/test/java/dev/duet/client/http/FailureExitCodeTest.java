package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.client.ClientRun;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every failure is one line on stderr naming the address, with curl's exit code. */
class FailureExitCodeTest {

    @Test
    void connectionRefusedExitsSeven() throws IOException {
        int port = freePort();
        ClientRun.Result r = ClientRun.run("127.0.0.1:" + port + "/hello");
        assertEquals(
                new ClientRun.Result(
                        7, "", "duet-client: cannot connect to 127.0.0.1:" + port + ": connection refused\n"),
                r);
    }

    @Test
    void unknownHostExitsSix() {
        ClientRun.Result r = ClientRun.run("http://no-such-host.invalid:8888/hello");
        assertEquals(
                new ClientRun.Result(
                        6, "", "duet-client: unknown host no-such-host.invalid (no-such-host.invalid:8888)\n"),
                r);
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOutWith28() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ClientRun.Result r = ClientRun.run("127.0.0.1:" + silent.getLocalPort() + "/hello", "--timeout", "300ms");
            assertEquals(
                    new ClientRun.Result(
                            28,
                            "",
                            "duet-client: no answer from 127.0.0.1:" + silent.getLocalPort()
                                    + " within 300ms (timeout)\n"),
                    r);
        }
    }

    @Test
    void anHttpErrorStatusPrintsTheAnswerAndExits22() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            answerOnce(
                    listener, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy");
            ClientRun.Result r = ClientRun.run("127.0.0.1:" + listener.getLocalPort() + "/x");
            assertEquals(
                    new ClientRun.Result(
                            22,
                            "statusCode: 503\nbusy\n",
                            "duet-client: 127.0.0.1:" + listener.getLocalPort() + " answered 503\n"),
                    r);
        }
    }

    @Test
    void aServerThatClosesWithoutAnsweringExits52() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            answerOnce(listener, "");
            ClientRun.Result r = ClientRun.run("127.0.0.1:" + listener.getLocalPort() + "/x");
            assertEquals(
                    new ClientRun.Result(
                            52,
                            "",
                            "duet-client: 127.0.0.1:" + listener.getLocalPort()
                                    + " closed the connection without an answer\n"),
                    r);
        }
    }

    @Test
    void anAnswerThatBreaksOffExits56() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            answerOnce(listener, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n/hel");
            ClientRun.Result r = ClientRun.run("127.0.0.1:" + listener.getLocalPort() + "/x");
            assertEquals(56, r.exitCode());
            // what arrived is printed as it arrived, as curl does, and then the line says it broke off
            assertEquals("statusCode: 200\n/hel", r.out());
            assertTrue(
                    r.err()
                            .startsWith("duet-client: the answer from 127.0.0.1:" + listener.getLocalPort()
                                    + " broke off: "),
                    r.err());
        }
    }

    @Test
    void tlsToAPlainHttpPortExits35() {
        try (HttpEchoServer plain = HttpEchoServer.start(HttpServerConfig.ephemeral())) {
            ClientRun.Result r = ClientRun.run("https://127.0.0.1:" + plain.port() + "/x");
            assertEquals(35, r.exitCode());
            assertTrue(
                    r.err().startsWith("duet-client: TLS handshake with 127.0.0.1:" + plain.port() + " failed: "),
                    r.err());
        }
    }

    @Test
    void retryForNeverResendsARequestThatReachedTheServer() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            answerOnce(listener, "");
            ClientRun.Result r = ClientRun.run("127.0.0.1:" + listener.getLocalPort() + "/once", "--retry-for", "30s");
            // no "retrying" line: the request was sent, so it is not safe to send again
            assertEquals(
                    new ClientRun.Result(
                            52,
                            "",
                            "duet-client: 127.0.0.1:" + listener.getLocalPort()
                                    + " closed the connection without an answer\n"),
                    r);
        }
    }

    @Test
    void retryForWaitsForAServerThatIsStillStarting() throws Exception {
        int port = freePort();
        ClientRun.Watched err = new ClientRun.Watched();
        CompletableFuture<ClientRun.Result> client = CompletableFuture.supplyAsync(
                () -> ClientRun.run(Map.of(), err, "127.0.0.1:" + port + "/late", "--retry-for", "30s"));
        err.await("retrying for up to 30s", Duration.ofSeconds(10));
        HttpServerConfig config = HttpServerConfig.of("--host", "127.0.0.1", "--port", String.valueOf(port));
        try (HttpEchoServer ignored = HttpEchoServer.start(config)) {
            ClientRun.Result r = client.get();
            assertEquals(
                    new ClientRun.Result(
                            0,
                            "statusCode: 200\n/late\n",
                            "duet-client: cannot connect to 127.0.0.1:" + port
                                    + ": connection refused; retrying for up to 30s\n"),
                    r);
        }
    }

    @Test
    void retryForGivesUpAtTheDeadlineWithTheLastError() throws IOException {
        int port = freePort();
        ClientRun.Result r = ClientRun.run("127.0.0.1:" + port + "/x", "--retry-for", "300ms");
        String refused = "duet-client: cannot connect to 127.0.0.1:" + port + ": connection refused";
        assertEquals(new ClientRun.Result(7, "", refused + "; retrying for up to 300ms\n" + refused + "\n"), r);
    }

    @Test
    void aRepeatedRunExitsWithTheLastFailureAndKeepsGoing() throws IOException {
        int port = freePort();
        ClientRun.Result r = ClientRun.run("127.0.0.1:" + port + "/x", "--interval", "10ms", "--count", "2");
        String refused = "duet-client: cannot connect to 127.0.0.1:" + port + ": connection refused\n";
        assertEquals(new ClientRun.Result(7, "", refused + refused), r);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Accepts one connection, reads the request head, writes {@code answer} and closes. */
    private static void answerOnce(ServerSocket listener, String answer) {
        Thread t = new Thread(() -> {
            try (Socket s = listener.accept()) {
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException ignored) {
                // the test sees what the client saw
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
