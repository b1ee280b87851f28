package dev.duet.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/duet-client}, copied with the jar to a directory of their own as onto a second
 * machine: the first run writes a class-data archive, later runs map their classes from it.
 */
class LauncherIT {
    private static final Path SCRIPT = Path.of("..", "bin", "duet-client");
    private static HttpEchoServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = HttpEchoServer.start(HttpServerConfig.ephemeral());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Path install() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(SCRIPT, bin.resolve("duet-client"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Path.of("target", "duet-client.jar"), bin.resolve("duet-client.jar"));
        return bin.resolve("duet-client");
    }

    private ClientRun.Result launch(Path script, Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(extraEnv);
        // the JVM running the tests, so the archive matches the java the script finds
        env.putIfAbsent("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        env.put("DUET_CDS_DIR", dir.resolve("cds").toString());
        return ClientRun.process(command, env);
    }

    private List<Path> archives() throws IOException {
        Path cds = dir.resolve("cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.toList();
        }
    }

    @Test
    void firstRunWritesTheArchiveAndLaterRunsLoadTheirClassesFromIt() throws Exception {
        Path script = install();
        String url = "127.0.0.1:" + server.port() + "/hello?x=1";

        assertEquals(new ClientRun.Result(0, "statusCode: 200\n/hello?x=1\n", ""), launch(script, Map.of(), url));
        List<Path> written = archives();
        assertEquals(1, written.size(), written.toString());
        assertTrue(written.get(0).getFileName().toString().endsWith(".jsa"), written.toString());

        Path classes = dir.resolve("classes.log");
        Map<String, String> env = new HashMap<>();
        env.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classes);
        ClientRun.Result second = launch(script, env, url);
        assertEquals(0, second.exitCode(), second.err());
        assertEquals("statusCode: 200\n/hello?x=1\n", second.out());
        String log = Files.readString(classes);
        assertTrue(log.contains("okhttp3.OkHttpClient source: shared objects file (top)"), "OkHttp came from the jar");
        assertTrue(
                log.contains("okhttp3.Response source: shared objects file (top)"),
                "the answer's classes came from the jar");
        assertTrue(log.contains("dev.duet.client.Main source: shared objects file (top)"), "Main came from the jar");
        assertEquals(written, archives());
    }

    @Test
    void cdsOffRunsPlainJavaAndWritesNothing() throws Exception {
        Path script = install();
        ClientRun.Result run = launch(script, Map.of("DUET_CDS", "off"), "127.0.0.1:" + server.port() + "/plain");
        assertEquals(new ClientRun.Result(0, "statusCode: 200\n/plain\n", ""), run);
        assertEquals(List.of(), archives());
    }

    @Test
    void exitCodesAndErrorsAreTheJarsOwn() throws Exception {
        Path script = install();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(
                new ClientRun.Result(
                        7, "", "duet-client: cannot connect to 127.0.0.1:" + port + ": connection refused\n"),
                launch(script, Map.of(), "127.0.0.1:" + port + "/hello"));
        ClientRun.Result usage = launch(script, Map.of(), "--bogus");
        assertEquals(2, usage.exitCode());
        assertTrue(usage.err().startsWith("duet-client: unknown option"), usage.err());
    }

    @Test
    void withoutTheJarItSaysWhereItLookedAndExitsTwo() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("alone"));
        Path script = Files.copy(SCRIPT, bin.resolve("duet-client"), StandardCopyOption.COPY_ATTRIBUTES);
        ClientRun.Result run = launch(script, Map.of());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("duet-client: no duet-client.jar beside " + script), run.err());
    }
}
