package dev.duet.server.stream;

import dev.duet.common.Ports;
import dev.duet.common.Settings;
import dev.duet.common.UnixSockets;
import dev.duet.common.UsageException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How a stream echo server listens: a TCP address or a Unix-domain socket path, and for a socket
 * file, the permissions it is created with.
 */
public record StreamServerConfig(
        SocketAddress address, Set<PosixFilePermission> socketMode, boolean quiet, int maxConnections) {

    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    public static StreamServerConfig tcp(Settings s) {
        String host = s.string("--host", "DUET_HOST", "0.0.0.0");
        int port = s.port("--port", "DUET_PORT", Ports.DEFAULT);
        return new StreamServerConfig(new InetSocketAddress(host, port), OWNER_ONLY, quiet(s), maxConnections(s));
    }

    public static StreamServerConfig unix(Settings s) {
        Path path = UnixSockets.parse(
                "--path",
                s.string("--path", "DUET_SOCKET", UnixSockets.defaultPath().toString()));
        Set<PosixFilePermission> mode = s.optionalString("--mode", "DUET_SOCKET_MODE")
                .map(StreamServerConfig::parseMode)
                .orElse(OWNER_ONLY);
        return new StreamServerConfig(UnixDomainSocketAddress.of(path), mode, quiet(s), maxConnections(s));
    }

    public boolean isUnix() {
        return address instanceof UnixDomainSocketAddress;
    }

    private static boolean quiet(Settings s) {
        return s.flag("--quiet", "DUET_QUIET");
    }

    private static int maxConnections(Settings s) {
        return s.integer("--max-connections", "DUET_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS, 1, 1_000_000);
    }

    /** Octal permissions as chmod takes them: {@code 600}, {@code 660}, {@code 0666}. */
    static Set<PosixFilePermission> parseMode(String octal) {
        if (!octal.matches("0?[0-7]{3}")) {
            throw new UsageException("--mode: expected octal permissions such as 600 or 660, got \"" + octal + "\"");
        }
        String digits = octal.length() == 4 ? octal.substring(1) : octal;
        StringBuilder symbolic = new StringBuilder();
        for (char digit : digits.toCharArray()) {
            int bits = digit - '0';
            symbolic.append((bits & 4) != 0 ? 'r' : '-')
                    .append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(symbolic.toString());
    }
}
