package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** `duet-server udp` as users run it: its start line, its access log, its metrics, and its stop. */
class UdpServerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String echo(DatagramSocket socket, int port, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        DatagramPacket answer = new DatagramPacket(new byte[1024], 1024);
        socket.receive(answer);
        return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void logsEachDatagramEscapedHasNoControlPlaneUnlessAskedAndStopsOnSigterm() throws Exception {
        try (JarProcess p = JarProcess.start("udp", "--host", "127.0.0.1", "--port", "0");
                DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(10_000);
            int port = p.awaitPort();
            String listening = p.linesRead().get(p.linesRead().size() - 1);
            assertTrue(
                    listening.endsWith(" udp listening on 127.0.0.1:" + port + " (try: nc -u 127.0.0.1 " + port + ")"),
                    listening);
            String forged = "hi\nINFO udp - #9 forged\u2028\u001b[31m";
            assertEquals(forged, echo(socket, port, forged));
            String logged = p.awaitLine(l -> l.contains(" udp - #1 "), WAIT);
            assertTrue(
                    logged.matches(".* INFO udp - #1 echo to 127\\.0\\.0\\.1:\\d+: "
                            + "hi\\\\nINFO udp - #9 forged\\\\u2028\\\\x1b\\[31m"),
                    logged);
            p.terminate();
            assertEquals(0, p.awaitExit(WAIT));
            String rest = p.everything();
            assertFalse(
                    rest.contains("admin listening"), "tcp, unix and udp have no control plane unless asked:\n" + rest);
            assertTrue(rest.contains("INFO duet-server - SIGTERM received: closing the socket\n"), rest);
            assertTrue(rest.endsWith("INFO duet-server - stopped\n"), rest);
        }
    }

    @Test
    void withAnAdminPortTheDatagramsAreCountedInTheMetrics() throws Exception {
        try (JarProcess p =
                        JarProcess.start("udp", "--host", "127.0.0.1", "--port", "0", "--admin-port", "0", "--quiet");
                DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(10_000);
            int port = p.awaitPort();
            int admin = p.awaitAdminPort();
            for (int i = 0; i < 3; i++) {
                assertEquals("ping " + i, echo(socket, port, "ping " + i));
            }
            HttpResponse<String> metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertTrue(metrics.body().contains("\nduet_datagrams_total{direction=\"received\"} 3.0\n"), metrics.body());
            assertTrue(metrics.body().contains("\nduet_datagrams_total{direction=\"sent\"} 3.0\n"), metrics.body());
            assertTrue(metrics.body().contains("\nduet_sent_bytes_total{transport=\"udp\"} 18.0\n"), metrics.body());
        }
    }

    @Test
    void aPortInUseIsOneLineAndExitOne() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                JarProcess p = JarProcess.start(
                        "udp", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()))) {
            assertEquals(1, p.awaitExit(WAIT));
            assertEquals(
                    "duet-server: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + " (udp): Address already in use\n",
                    p.remainingOutput());
        }
    }

    @Test
    void theUdpPortMayBeTheAdminPortsNumber() throws Exception {
        // one is UDP, the other TCP: two ports, no clash
        int number;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            number = probe.getLocalPort();
        }
        try (JarProcess p = JarProcess.start(
                "udp",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(number),
                "--admin-port",
                String.valueOf(number))) {
            assertEquals(number, p.awaitPort());
            assertEquals(number, p.awaitAdminPort());
        }
    }
}
