package dev.duet.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Needs;
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
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/duet-client}, copied with the jar to a directory of their own as onto a second
 * machine: the first run writes a class-data archive (an ahead-of-time cache on Java 25 or later),
 * later runs map their classes from it.
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
        // a class-data archive layered on the JDK's own: its classes are logged as its "top" layer
        archiveThenMappedClasses(Map.of(), "/hello?x=1", ".jsa", " (top)");
    }

    @Test
    void onJava25ItWritesAnAheadOfTimeCacheWhoseClassesComeLoaded() throws Exception {
        Optional<Path> java25 = java25();
        Needs.present(java25.isPresent(), "a Java 25 or later (set DUET_JAVA25_HOME to one)");
        archiveThenMappedClasses(Map.of("JAVA_HOME", java25.get().toString()), "/aot", ".aot", "");
    }

    /**
     * A first run that answers and writes one archive named {@code *suffix}, then a second that
     * answers with OkHttp's, the answer's and Main's classes from it, writing nothing more.
     */
    private void archiveThenMappedClasses(Map<String, String> java, String target, String suffix, String layer)
            throws Exception {
        Path script = install();
        String url = "127.0.0.1:" + server.port() + target;
        String answer = "statusCode: 200\n" + target + "\n";

        assertEquals(new ClientRun.Result(0, answer, ""), launch(script, java, url));
        List<Path> written = archives();
        assertEquals(1, written.size(), written.toString());
        assertTrue(written.get(0).getFileName().toString().endsWith(suffix), written.toString());

        Path classes = dir.resolve("classes.log");
        Map<String, String> env = new HashMap<>(java);
        env.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classes);
        ClientRun.Result second = launch(script, env, url);
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(answer, second.out());
        String log = Files.readString(classes);
        String mapped = " source: shared objects file" + layer + "\n";
        assertTrue(log.contains("okhttp3.OkHttpClient" + mapped), "OkHttp came from the jar");
        assertTrue(log.contains("okhttp3.Response" + mapped), "the answer's classes came from the jar");
        assertTrue(log.contains("dev.duet.client.Main" + mapped), "Main came from the jar");
        assertEquals(written, archives());
    }

    /** A JDK of 25 or later: DUET_JAVA25_HOME, else one installed under /usr/lib/jvm. */
    private static Optional<Path> java25() throws IOException {
        String given = System.getenv("DUET_JAVA25_HOME");
        if (given != null) {
            return Optional.of(Path.of(given));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> major(h) >= 25).findFirst();
        }
    }

    private static int major(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    return Integer.parseInt(line.substring(14).split("[^0-9]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK we can read: not one to use
        }
        return 0;
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
