package dev.duet.common;

import java.nio.file.Path;

/** Where the server and the client meet when no socket path is given. */
public final class UnixSockets {
    private UnixSockets() {
    }

    /** {@code duet.sock} in the system's temporary directory, where the article's /tmp/unix.sock lives. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("java.io.tmpdir"), "duet.sock");
    }
}
