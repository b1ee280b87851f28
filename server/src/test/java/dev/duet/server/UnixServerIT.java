package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.Needs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `duet-server unix` as users run it: a live socket is never taken, and SIGTERM removes the file. */
class UnixServerIT {
    @TempDir
    Path dir;

    @Test
    void aSecondServerRefusesTheLiveSocketAndSigtermCleansUp() throws Exception {
        Path socket = dir.resolve("duet.sock");
        try (JarProcess first = JarProcess.start("unix", "--path", socket.toString())) {
            first.awaitLine(l -> l.endsWith("unix listening on " + socket), Duration.ofSeconds(20));
            assertTrue(Files.exists(socket));

            try (JarProcess second = JarProcess.start("unix", "--path", socket.toString())) {
                assertEquals(1, second.awaitExit(Duration.ofSeconds(20)));
                assertEquals(
                        "duet-server: cannot listen on " + socket
                                + ": in use by a running server; stop it or choose another --path\n",
                        second.remainingOutput());
            }

            first.terminate();
            assertEquals(0, first.awaitExit(Duration.ofSeconds(20)));
            assertFalse(Files.exists(socket), "the socket file is removed on SIGTERM");
        }
    }

    @Test
    void aDirectoryTheUserCannotWriteToIsNamedWithPermissionDenied() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Needs.present(
                !root || Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "setpriv, to run the server as another user (apt-get install util-linux)");
        // a directory anyone may enter and read, but nobody but root may write to
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "duet-locked");
        try {
            Path jar = Files.copy(JarProcess.JAR, shared.resolve("duet-server.jar"));
            Path locked = Files.createDirectory(shared.resolve("locked"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path socket = locked.resolve("duet.sock");
            List<String> asNobody =
                    root ? List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
            try (JarProcess p = JarProcess.startAs(asNobody, jar, "unix", "--path", socket.toString())) {
                assertEquals(1, p.awaitExit(Duration.ofSeconds(20)));
                assertEquals(
                        "duet-server: --path " + socket + ": permission denied: cannot create a file in " + locked
                                + "\n",
                        p.remainingOutput());
            }
        } finally {
            try (Stream<Path> files = Files.walk(shared)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
