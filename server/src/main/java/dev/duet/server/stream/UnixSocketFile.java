package dev.duet.server.stream;

import dev.duet.common.UnixSockets;
import dev.duet.server.FileProblem;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The socket file of a Unix-domain server: replaces a stale one left by a dead server, never takes
 * over one a live server still answers, is created with the permissions asked for, and is removed
 * when the server stops.
 */
final class UnixSocketFile {
    /** sun_path is 108 bytes on Linux, one of them the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private final Path path;
    private final Object fileKey;

    private UnixSocketFile(Path path, Object fileKey) {
        this.path = path;
        this.fileKey = fileKey;
    }

    static UnixSocketFile bind(ServerSocketChannel channel, Path path, Set<PosixFilePermission> mode, int backlog)
            throws IOException {
        int length = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            throw problem(
                    path,
                    "the path is " + length + " bytes; the limit is " + MAX_PATH_BYTES + ": choose a shorter one");
        }
        FileProblem.requireDirectoryOf(UnixSockets.PATH.flag(), path);
        clearStale(path);
        try {
            bindWithMode(channel, path, mode, backlog);
        } catch (IOException e) {
            if (e instanceof AccessDeniedException || "Permission denied".equalsIgnoreCase(e.getMessage())) {
                // name the user's directory, not the private one the socket is first bound in
                throw problem(
                        path,
                        "permission denied: cannot create a file in "
                                + path.toAbsolutePath().getParent());
            }
            throw e;
        }
        return new UnixSocketFile(path, fileKey(path));
    }

    /** What is wrong with the socket's path, as a file problem: a port would not have it. */
    private static FileProblem problem(Path path, String what) {
        return new FileProblem(UnixSockets.PATH.flag() + " " + path + ": " + what);
    }

    Path path() {
        return path;
    }

    /** Removes the file if it is still the one this server made (not one a newer server put there). */
    void remove() {
        try {
            if (fileKey != null && fileKey.equals(fileKey(path))) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void clearStale(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return;
        }
        if (!attributes.isOther()) {
            throw problem(path, "the file exists and is not a socket; refusing to replace it");
        }
        if (answers(path)) {
            throw new IOException("in use by a running server; stop it or choose another --path");
        }
        Files.deleteIfExists(path); // nobody answers: a dead server's leftover
    }

    private static boolean answers(Path path) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * Binds inside a private directory, sets the mode, then renames the socket into place, so it is
     * never reachable with looser permissions than asked for. Where that directory's path would be
     * too long, binds in place and sets the mode straight after; where there are no POSIX modes
     * (Windows), binds in place.
     */
    private static void bindWithMode(ServerSocketChannel channel, Path path, Set<PosixFilePermission> mode, int backlog)
            throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // Windows: AF_UNIX works, file modes do not
            channel.bind(UnixDomainSocketAddress.of(path), backlog);
            return;
        }
        Path parent = path.toAbsolutePath().getParent();
        Path privateDir = parent.resolve(".duet-" + ProcessHandle.current().pid());
        Path staging = privateDir.resolve("s");
        if (staging.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            channel.bind(UnixDomainSocketAddress.of(path), backlog);
            Files.setPosixFilePermissions(path, mode);
            return;
        }
        try {
            Files.createDirectory(
                    privateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException leftover) {
            Files.deleteIfExists(staging);
        }
        try {
            channel.bind(UnixDomainSocketAddress.of(staging), backlog);
            Files.setPosixFilePermissions(staging, mode);
            Files.move(staging, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot move the socket into " + parent + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(staging);
            Files.deleteIfExists(privateDir);
        }
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
