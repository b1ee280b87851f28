package dev.duet.common;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Where the server and the client meet when no socket path is given. */
public final class UnixSockets {
    private UnixSockets() {}

    /** A socket path from the user; a path the platform cannot hold (a NUL byte, say) is a usage error. */
    public static Path parse(String name, String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException(name + ": not a valid socket path: " + LogText.quote(text));
        }
    }

    /** {@code duet.sock} in the system's temporary directory, where the article's /tmp/unix.sock lives. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("java.io.tmpdir"), "duet.sock");
    }
}
