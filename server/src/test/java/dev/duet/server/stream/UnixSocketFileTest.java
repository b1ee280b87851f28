package dev.duet.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.server.FileProblem;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket file's life: stale ones replaced, live ones never taken, owner-only, removed at the end. */
class UnixSocketFileTest {
    @TempDir
    Path dir;

    private static StreamEchoServer serve(Path path, String mode) throws IOException {
        return StreamEchoServer.start(StreamServerConfig.unix("--path", path.toString(), "--mode", mode, "--quiet"));
    }

    private static String echo(Path path, String text) throws IOException {
        try (SocketChannel channel = EchoPeer.connect(UnixDomainSocketAddress.of(path))) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            return new String(EchoPeer.read(channel, text.length()), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aStaleSocketFileLeftByADeadServerIsReplaced() throws Exception {
        Path path = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "closing a channel leaves its file behind, as a crash would");
        try (StreamEchoServer server = serve(path, "600")) {
            assertEquals("hi", echo(path, "hi"));
        }
    }

    @Test
    void aSocketALiveServerAnswersIsNeverTakenOver() throws Exception {
        Path path = dir.resolve("live.sock");
        try (StreamEchoServer first = serve(path, "600")) {
            IOException refused = assertThrows(IOException.class, () -> serve(path, "600"));
            assertEquals("in use by a running server; stop it or choose another --path", refused.getMessage());
            assertEquals("still mine", echo(path, "still mine"));
        }
    }

    @Test
    void aFileThatIsNotASocketIsLeftAlone() throws Exception {
        Path path = dir.resolve("notes.txt");
        Files.writeString(path, "precious");
        FileProblem refused = assertThrows(FileProblem.class, () -> serve(path, "600"));
        assertEquals(
                "--path " + path + ": the file exists and is not a socket; refusing to replace it",
                refused.getMessage());
        assertEquals("precious", Files.readString(path));
    }

    @Test
    void theSocketIsOwnerOnlyByDefault() throws Exception {
        Path path = dir.resolve("private.sock");
        try (StreamEchoServer server = serve(path, "600")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        }
    }

    @Test
    void modeSetsOtherPermissions() throws Exception {
        Path path = dir.resolve("shared.sock");
        try (StreamEchoServer server = serve(path, "0660")) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            assertEquals("ok", echo(path, "ok"));
        }
    }

    @Test
    void theFileIsRemovedWhenTheServerStops() throws Exception {
        Path path = dir.resolve("gone.sock");
        serve(path, "600").close();
        assertFalse(Files.exists(path));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no staging directory left behind");
        }
    }

    @Test
    void aPathOverThePlatformLimitIsAClearError() {
        Path path = dir.resolve("x".repeat(120) + ".sock");
        FileProblem refused = assertThrows(FileProblem.class, () -> serve(path, "600"));
        assertEquals(
                "--path " + path + ": the path is " + path.toString().length() + " bytes; the limit is 107: choose a"
                        + " shorter one",
                refused.getMessage());
    }
}
