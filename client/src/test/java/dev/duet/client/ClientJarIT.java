package dev.duet.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged jar, run as `java -jar client/target/duet-client.jar` is on a second machine. */
class ClientJarIT {
    private static HttpEchoServer server;

    @BeforeAll
    static void start() {
        server = HttpEchoServer.start(HttpServerConfig.ephemeral());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ClientRun.Result jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                Path.of("target", "duet-client.jar").toString()));
        command.addAll(List.of(args));
        return ClientRun.process(command, Map.of());
    }

    @Test
    void printsStatusCodeAndBodyLikeTheArticle() throws Exception {
        assertEquals(
                new ClientRun.Result(0, "statusCode: 200\n/hello\n", ""), jar("127.0.0.1:" + server.port() + "/hello"));
    }

    @Test
    void refusedConnectionExitsSevenWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(
                new ClientRun.Result(
                        7, "", "duet-client: cannot connect to 127.0.0.1:" + port + ": connection refused\n"),
                jar("127.0.0.1:" + port + "/hello"));
    }
}
