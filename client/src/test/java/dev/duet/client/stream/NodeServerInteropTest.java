package dev.duet.client.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.client.ClientRun;
import dev.duet.common.Needs;
import dev.duet.common.NodePeers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Duet's client talks to a Node server that behaves as the article's does (interop/node/echo-server.js). */
class NodeServerInteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void everyEchoComesBackFromTheArticlesServer(String transport) throws Exception {
        Needs.present(NodePeers.available(), "node, for the Node interoperability test (apt-get install nodejs)");
        String where = transport.equals("unix") ? dir.resolve("n.sock").toString() : "0";
        Process node = new ProcessBuilder(
                        "node", NodePeers.script("echo-server.js").toString(), transport, where)
                .redirectErrorStream(true)
                .start();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = lines.readLine(); // "listening <port or path>", printed once it accepts
            String target = transport.equals("unix") ? where : "127.0.0.1:" + ready.substring("listening ".length());
            ClientRun.Result r = ClientRun.run(transport, target, "--count", "3", "--interval", "10ms");
            assertEquals(
                    new ClientRun.Result(
                            0, "connected.\n" + "send: hello\nreceive: hello\n".repeat(3) + "disconnected.\n", ""),
                    r);
        } finally {
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
