package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Needs;
import dev.duet.common.NodePeers;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request that asked to hang ({@code X-Duet-Fault: hang}) and whose client then reset its stream
 * or left ends there, whatever protocol it came over: it is logged and counted, and a later
 * SIGTERM does not wait the whole shutdown timeout for it. The idle timeout is long, so it is not
 * what ends them.
 */
class HungRequestIT {
    /** Far less than the 60 s shutdown timeout, with room for a loaded machine. */
    private static final Duration PROMPT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private JarProcess start(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--admin-port",
                "0",
                "--idle-timeout",
                "60s",
                "--shutdown-timeout",
                "60s"));
        args.addAll(List.of(more));
        return JarProcess.start(args.toArray(String[]::new));
    }

    /** Node's http2 client (interop/node/h2-leave.js): a hung request, then a reset or a close. */
    @ParameterizedTest(name = "{0} client that does {1}")
    @CsvSource({"http, reset", "http, leave", "https, reset", "https, leave"})
    void anHttp2ClientThatResetsOrLeavesEndsTheRequest(String scheme, String how) throws Exception {
        Needs.present(NodePeers.available(), "node (apt-get install nodejs)");
        Path cert = dir.resolve("served.pem");
        try (JarProcess server =
                scheme.equals("https") ? start("--tls", "self-signed", "--write-cert", cert.toString()) : start()) {
            int port = server.awaitPort();
            int admin = server.awaitAdminPort();
            List<String> node = new ArrayList<>(
                    List.of("node", NodePeers.script("h2-leave.js").toString()));
            if (scheme.equals("https")) {
                node.addAll(List.of("--ca", cert.toString()));
            }
            node.addAll(List.of(
                    scheme + "://" + (scheme.equals("https") ? "localhost" : "127.0.0.1") + ":" + port + "/hang",
                    how,
                    "X-Duet-Fault: hang"));
            Process client = new ProcessBuilder(node).redirectErrorStream(true).start();
            try {
                // the first line: "reset" (its connection stays open) or "left"
                String said = new String(client.getInputStream().readNBytes(how.equals("reset") ? 6 : 5));
                assertEquals(how.equals("reset") ? "reset\n" : "left\n", said);
                assertEnded(server, admin);
            } finally {
                client.getOutputStream().close(); // a resetting client keeps its connection until now
                client.waitFor(10, TimeUnit.SECONDS);
                client.destroyForcibly();
            }
        }
    }

    /**
     * Upgraded to h2c by its first request, which hangs: the client sends the preface and a PING,
     * and closes once the PING is answered (the upgraded request is handled by then).
     */
    @Test
    void anUpgradedRequestWhoseClientLeftEnds() throws Exception {
        try (JarProcess server = start()) {
            int port = server.awaitPort();
            int admin = server.awaitAdminPort();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(
                        ("GET /hang HTTP/1.1\r\nHost: x\r\nX-Duet-Fault: hang\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                                        + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                DataInputStream in = new DataInputStream(socket.getInputStream());
                assertEquals("HTTP/1.1 101 ", new String(in.readNBytes(13), StandardCharsets.US_ASCII));
                for (int last4 = 0; last4 != 0x0d0a0d0a; ) {
                    last4 = (last4 << 8) | in.readUnsignedByte(); // the rest of the 101's head
                }
                out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // SETTINGS, empty
                out.write(new byte[] {0, 0, 8, 6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}); // PING
                awaitPingAck(in);
            }
            assertEnded(server, admin);
        }
    }

    /** Reads HTTP/2 frames until a PING with the ACK flag. */
    private static void awaitPingAck(DataInputStream in) throws Exception {
        while (true) {
            int length = (in.readUnsignedShort() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            in.readInt(); // stream id
            in.readNBytes(length);
            if (type == 6 && (flags & 1) != 0) {
                return;
            }
        }
    }

    /** The hung request was logged and counted as HTTP/2, and SIGTERM finds nothing in flight. */
    private static void assertEnded(JarProcess server, int admin) throws Exception {
        String line = server.awaitLine(l -> l.contains(" INFO access - GET /hang "), PROMPT);
        assertTrue(line.matches(".* INFO access - GET /hang 500 127\\.0\\.0\\.1:\\d+ \\d+\\.\\dms"), line);
        ControlPlaneIT.awaitMetric(admin, "duet_requests_total{code=\"500\",method=\"GET\",transport=\"h2\"} 1.0");
        long signalled = System.nanoTime();
        server.terminate();
        assertEquals(0, server.awaitExit(Duration.ofSeconds(70)));
        long took = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
        String output = server.remainingOutput();
        assertFalse(output.contains("cut off"), output);
        assertTrue(took < PROMPT.toMillis(), "the stop took " + took + " ms of a 60 s timeout:\n" + output);
    }
}
