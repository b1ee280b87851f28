package dev.duet.client.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.server.udp.UdpEchoServer;
import dev.duet.server.udp.UdpServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged client, as users run it: a run until interrupted still ends with its counts. */
class UdpClientJarIT {
    @Test
    void sigtermEndsARunWithoutACountAndItsCountsArePrinted() throws Exception {
        try (UdpEchoServer server =
                UdpEchoServer.start(UdpServerConfig.of("--host", "127.0.0.1", "--port", "0", "--quiet"))) {
            Process client = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-jar",
                            Path.of("target", "duet-client.jar").toString(),
                            "udp",
                            "127.0.0.1:" + server.port(),
                            "--interval",
                            "20ms")
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    if (line.startsWith("echo 3:")) {
                        client.toHandle().destroy(); // SIGTERM, as kill and docker stop send
                    }
                }
            } finally {
                if (!client.waitFor(20, TimeUnit.SECONDS)) {
                    client.destroyForcibly();
                }
            }
            assertEquals(0, client.exitValue(), String.join("\n", lines));
            String counts = lines.get(lines.size() - 2);
            assertTrue(counts.matches("sent (\\d+), echoed \\1: lost 0, duplicated 0, reordered 0"), counts);
            assertTrue(lines.get(lines.size() - 1).startsWith("round trips: "), lines.toString());
        }
    }
}
