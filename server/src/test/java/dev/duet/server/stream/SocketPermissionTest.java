package dev.duet.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.common.Needs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The socket's mode is enforced by the kernel: another user cannot connect to an owner-only socket,
 * and can to one opened up with --mode. Needs root (to run a probe as user nobody) and setpriv.
 */
class SocketPermissionTest {
    private static final String PROBE = """
            import java.net.*; import java.nio.channels.*; import java.nio.file.*;
            public class Probe {
                public static void main(String[] a) {
                    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                        c.connect(UnixDomainSocketAddress.of(Path.of(a[0])));
                        System.out.print("connected");
                    } catch (Exception e) {
                        System.out.print("refused: " + e.getMessage());
                    }
                }
            }
            """;

    private Path dir;

    @BeforeEach
    void sharedDirectory() throws Exception {
        Needs.present(
                "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "root and setpriv, to connect as another user (apt-get install util-linux)");
        // a directory every user may enter, so only the socket's own mode decides
        dir = Files.createTempDirectory(
                Path.of("/tmp"),
                "duet-perm",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("Probe.java"), PROBE);
        Files.setPosixFilePermissions(dir.resolve("Probe.java"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterEach
    void removeDirectory() throws Exception {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"600,refused: Permission denied", "666,connected"})
    void anotherUserConnectsOnlyWhenTheModeAllows(String mode, String expected) throws Exception {
        Path socket = dir.resolve("s.sock");
        try (StreamEchoServer server = StreamEchoServer.start(
                StreamServerConfig.unix("--path", socket.toString(), "--mode", mode, "--quiet"))) {
            Process probe = new ProcessBuilder(
                            "/usr/bin/setpriv",
                            "--reuid=65534",
                            "--regid=65534",
                            "--clear-groups",
                            ProcessHandle.current().info().command().orElse("java"),
                            dir.resolve("Probe.java").toString(),
                            socket.toString())
                    .redirectErrorStream(true)
                    .start();
            String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(true, probe.waitFor(60, TimeUnit.SECONDS));
            assertEquals(expected, said);
        }
    }
}
