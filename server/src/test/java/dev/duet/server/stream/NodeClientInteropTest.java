package dev.duet.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.common.Needs;
import dev.duet.common.NodePeers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Duet's server serves a Node client that behaves as the article's does (interop/node/echo-client.js). */
class NodeClientInteropTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void needsNode() {
        Needs.present(NodePeers.available(), "node, for the Node interoperability test (apt-get install nodejs)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void theArticlesClientGetsEveryEcho(String transport) throws Exception {
        boolean unix = transport.equals("unix");
        Path socket = dir.resolve("node.sock");
        StreamServerConfig config = unix
                ? StreamServerConfig.unix("--path", socket.toString(), "--quiet")
                : StreamServerConfig.tcp("--host", "127.0.0.1", "--port", "0", "--quiet");
        try (StreamEchoServer server = StreamEchoServer.start(config)) {
            List<String> command = new ArrayList<>(
                    List.of("node", NodePeers.script("echo-client.js").toString(), transport));
            if (unix) {
                command.add(socket.toString());
            } else {
                command.addAll(List.of("127.0.0.1", String.valueOf(server.port())));
            }
            command.addAll(List.of("3", "20"));
            Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            node.waitFor(30, TimeUnit.SECONDS);
            assertEquals("connected.\n" + "send: hello\nreceive: hello\n".repeat(3) + "disconnected.\n", output);
            assertEquals(0, node.exitValue());
        }
    }
}
