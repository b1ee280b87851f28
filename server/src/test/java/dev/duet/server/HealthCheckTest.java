package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duet.server.admin.AdminConfig;
import dev.duet.server.admin.AdminServer;
import dev.duet.server.admin.Inspector;
import dev.duet.server.admin.Listening;
import dev.duet.server.admin.Readiness;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.metrics.Metrics;
import dev.duet.server.stream.StreamEchoServer;
import dev.duet.server.stream.StreamServerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container health check, against real servers of each transport. */
class HealthCheckTest {
    @TempDir
    Path dir;

    @Test
    void readyAsksTheControlPlanesReadyz() throws Exception {
        Readiness readiness = new Readiness();
        try (HttpEchoServer echo = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"));
                AdminServer admin = AdminServer.start(
                        new AdminConfig("127.0.0.1", 0, 10),
                        ServerIdentity.ofThisHost(),
                        readiness,
                        Metrics.OFF,
                        new Inspector(10),
                        new Listening("echo", "http", "127.0.0.1:" + echo.port()),
                        echo.defaultControls())) {
            assertNull(HealthCheck.check("ready", "127.0.0.1:" + admin.port()));
            readiness.drain();
            assertEquals(
                    "not ready: HTTP/1.1 503 Service Unavailable",
                    HealthCheck.check("ready", "127.0.0.1:" + admin.port()));
        }
    }

    @Test
    void httpIsHealthyWhenTheEchoAnswers() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral())) {
            assertNull(HealthCheck.check("http", "127.0.0.1:" + server.port()));
        }
    }

    @Test
    void tcpAndUnixAreHealthyWhenThePingComesBack() throws Exception {
        Path socket = dir.resolve("h.sock");
        try (StreamEchoServer tcp = StreamEchoServer.start(
                        StreamServerConfig.tcp("--host", "127.0.0.1", "--port", "0", "--quiet"));
                StreamEchoServer unix =
                        StreamEchoServer.start(StreamServerConfig.unix("--path", socket.toString(), "--quiet"))) {
            assertNull(HealthCheck.check("tcp", "127.0.0.1:" + tcp.port()));
            assertNull(HealthCheck.check("unix", socket.toString()));
        }
    }

    @Test
    void anotherAnswerIsUnhealthy() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            Thread answer = new Thread(() -> {
                try (Socket s = busy.accept()) {
                    s.getOutputStream()
                            .write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the check reports what it saw
                }
            });
            answer.start();
            assertEquals(
                    "unexpected answer: HTTP/1.1 503 Service Unavailable",
                    HealthCheck.check("http", "127.0.0.1:" + busy.getLocalPort()));
            answer.join();
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (StreamEchoServer tcp =
                StreamEchoServer.start(StreamServerConfig.tcp("--host", "127.0.0.1", "--port", "0", "--quiet"))) {
            // an echo server never closes after an HTTP request: the check gives up after 2s
            assertThrows(SocketTimeoutException.class, () -> HealthCheck.check("http", "127.0.0.1:" + tcp.port()));
        }
    }

    @Test
    void nothingListeningIsAnError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int free = port;
        assertThrows(ConnectException.class, () -> HealthCheck.check("http", "127.0.0.1:" + free));
    }
}
