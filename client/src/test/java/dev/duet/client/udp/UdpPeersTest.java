package dev.duet.client.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.client.ClientRun;
import dev.duet.common.Needs;
import dev.duet.common.NodePeers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duet's UDP client against echo servers nobody here wrote: socat, netcat (OpenBSD's, its output fed
 * back to its input) and a Node dgram server in the article's style (interop/node/udp-echo-server.js).
 * Each is skipped, and says so, where it is not installed.
 */
class UdpPeersTest {
    @TempDir
    Path dir;

    private static boolean installed(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
    }

    /** Three datagrams, one at a time, each echoed whole. */
    private static void echoesThree(int port) {
        ClientRun.Result r = ClientRun.run("udp", "127.0.0.1:" + port, "--count", "3");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals(
                "sent 3, echoed 3: lost 0, duplicated 0, reordered 0",
                r.out().lines().filter(l -> l.startsWith("sent ")).findFirst().orElse(r.out()));
    }

    @Test
    void socatEchoes() throws Exception {
        Needs.present(installed("socat") && installed("ss"), "socat and ss (apt-get install socat iproute2)");
        // each datagram to a child that pipes it back to its sender
        Process socat = new ProcessBuilder("socat", "UDP-RECVFROM:0,bind=127.0.0.1,fork", "PIPE").start();
        try {
            echoesThree(UdpListener.portOf(socat.pid(), Duration.ofSeconds(20)));
        } finally {
            stop(socat);
        }
    }

    @Test
    void netcatEchoes() throws Exception {
        Needs.present(
                installed("nc") && installed("mkfifo") && installed("ss"),
                "nc, mkfifo and ss (apt-get install netcat-openbsd coreutils iproute2)");
        Path fifo = dir.resolve("loop");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        // what nc receives it writes to the FIFO, and what it reads from the FIFO it sends back
        Process nc =
                new ProcessBuilder("sh", "-c", "exec nc -u -l 127.0.0.1 0 <>\"$0\" >\"$0\"", fifo.toString()).start();
        try {
            echoesThree(UdpListener.portOf(nc.pid(), Duration.ofSeconds(20)));
        } finally {
            stop(nc);
        }
    }

    @Test
    void theArticlesStyleNodeDgramServerEchoes() throws Exception {
        Needs.present(NodePeers.available(), "node (apt-get install nodejs)");
        Process node = new ProcessBuilder(
                        "node", NodePeers.script("udp-echo-server.js").toString(), "0", "quiet")
                .redirectErrorStream(true)
                .start();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = lines.readLine(); // "listening PORT", once it is bound
            echoesThree(Integer.parseInt(ready.substring("listening ".length())));
        } finally {
            stop(node);
        }
    }

    private static void stop(Process peer) throws InterruptedException {
        peer.destroy();
        if (!peer.waitFor(10, TimeUnit.SECONDS)) {
            peer.destroyForcibly();
        }
    }

    /** Where a process listens for UDP, as the kernel says (ss): the readiness of a peer that does not print it. */
    static final class UdpListener {
        private UdpListener() {}

        static int portOf(long pid, Duration within) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                Process ss = new ProcessBuilder("ss", "-H", "-l", "-u", "-n", "-p").start();
                List<String> lines = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .filter(l -> l.contains("pid=" + pid + ","))
                        .toList();
                ss.waitFor();
                if (!lines.isEmpty()) {
                    String local = lines.get(0).trim().split("\\s+")[3];
                    return Integer.parseInt(local.substring(local.lastIndexOf(':') + 1));
                }
                Thread.sleep(20);
            }
            throw new AssertionError("process " + pid + " did not listen on UDP within " + within);
        }
    }
}
