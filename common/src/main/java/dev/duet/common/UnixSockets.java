package dev.duet.common;

import java.nio.file.Path;

/** Where the server and the client meet over a Unix-domain socket. */
public final class UnixSockets {
    /** The socket file, spelled the same for the server that makes it and the client that connects. */
    public static final Option<Path> PATH = Option.of("--path", ValueType.PATH, defaultPath())
            .env("DUET_SOCKET")
            .shownAs("<temp dir>/duet.sock")
            .help("the socket file");

    private UnixSockets() {}

    /** {@code duet.sock} in the system's temporary directory, where the article's /tmp/unix.sock lives. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("java.io.tmpdir"), "duet.sock");
    }
}
