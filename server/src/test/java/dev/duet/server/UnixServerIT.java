package dev.duet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
}
