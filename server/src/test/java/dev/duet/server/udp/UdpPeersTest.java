package dev.duet.server.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.common.Needs;
import dev.duet.common.NodePeers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Duet's UDP echo answers clients nobody here wrote: netcat (OpenBSD's, Debian's nc), socat, and a
 * Node dgram client in the article's style (interop/node/udp-echo-client.js). Each is skipped, and
 * says so, where it is not installed.
 */
class UdpPeersTest {
    private UdpEchoServer server;

    @BeforeEach
    void start() throws IOException {
        server = UdpEchoServer.start(UdpServerConfig.of("--host", "127.0.0.1", "--port", "0", "--quiet"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    /** Runs {@code command} with {@code input} on its stdin, then closed; returns its stdout once it exits 0. */
    private static byte[] run(List<String> command, byte[] input) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not exit");
        }
        assertEquals(0, p.exitValue(), command + " failed");
        return out;
    }

    private static boolean installed(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
    }

    @Test
    void netcatGetsItsDatagramBack() throws Exception {
        Needs.present(installed("nc"), "nc (apt-get install netcat-openbsd)");
        // -w 1: quit a second after stdin ends and nothing more arrives
        byte[] echo = run(
                List.of("nc", "-u", "-w", "1", "127.0.0.1", String.valueOf(server.port())),
                "hello\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("hello\n", new String(echo, StandardCharsets.UTF_8));
    }

    @Test
    void socatGetsItsBytesBackExactlyControlsAndAll() throws Exception {
        Needs.present(installed("socat"), "socat (apt-get install socat)");
        byte[] sent = "h\u00e9llo\u001b[31m\u0000\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] echo = run(List.of("socat", "-t", "1", "-", "UDP:127.0.0.1:" + server.port()), sent);
        assertArrayEquals(sent, echo);
    }

    @Test
    void theArticlesStyleNodeDgramClientGetsEveryEcho() throws Exception {
        Needs.present(NodePeers.available(), "node (apt-get install nodejs)");
        String output = new String(
                run(
                        List.of(
                                "node",
                                NodePeers.script("udp-echo-client.js").toString(),
                                "127.0.0.1",
                                String.valueOf(server.port()),
                                "3",
                                "20"),
                        new byte[0]),
                StandardCharsets.UTF_8);
        // sends go on the interval whatever came back, so the lines may interleave either way
        assertEquals(
                List.of(
                        "receive: hello",
                        "receive: hello",
                        "receive: hello",
                        "send: hello",
                        "send: hello",
                        "send: hello"),
                output.lines().sorted().toList());
    }
}
