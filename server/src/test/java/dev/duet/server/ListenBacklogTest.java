package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.common.Needs;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import dev.duet.server.stream.StreamEchoServer;
import dev.duet.server.stream.StreamServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's accept queue of every transport is --backlog long (511 by default, as nginx's), so a
 * burst of connections waits there rather than in SYN retries. Read back from the kernel with
 * {@code ss}, whose Send-Q column is a listening socket's backlog (-p names the owning process).
 */
class ListenBacklogTest {
    @TempDir
    Path dir;

    /** The Send-Q column of the one listening socket of this JVM in {@code ss}'s lines that {@code match}. */
    private static int backlog(String ssOptions, String match) throws Exception {
        Needs.present(
                Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
                "ss, to read a listening socket's backlog (apt-get install iproute2)");
        Process ss =
                new ProcessBuilder("ss", ssOptions).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ss.waitFor(), out);
        String ours = "pid=" + ProcessHandle.current().pid() + ",";
        List<String> lines =
                out.lines().filter(l -> l.contains(ours) && l.contains(match)).toList();
        assertEquals(1, lines.size(), out);
        // [Netid] State Recv-Q Send-Q Local-Address ...: ss shows Netid only for more than one kind
        List<String> columns = List.of(lines.get(0).trim().split("\\s+"));
        return Integer.parseInt(columns.get(columns.indexOf("LISTEN") + 2));
    }

    @Test
    void httpListensWithTheDefaultBacklogOf511() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            assertEquals(511, backlog("-Hltnp", ":" + server.port() + " "));
        }
    }

    @Test
    void tcpAndUnixTakeTheBacklogTheyAreGiven() throws Exception {
        Path socket = dir.resolve("b.sock");
        try (StreamEchoServer tcp = StreamEchoServer.start(
                        StreamServerConfig.tcp("--host", "127.0.0.1", "--port", "0", "--backlog", "1000", "--quiet"));
                StreamEchoServer unix = StreamEchoServer.start(
                        StreamServerConfig.unix("--path", socket.toString(), "--backlog", "700", "--quiet"))) {
            assertEquals(1000, backlog("-Hltnp", ":" + tcp.port() + " "));
            // a socket file is bound under a private name, then renamed: ss shows the first name
            assertEquals(700, backlog("-Hlxp", "u_str"));
        }
    }
}
