package dev.duet.server.stream;

import static dev.duet.server.ServerOptions.BACKLOG;
import static dev.duet.server.ServerOptions.HOST;
import static dev.duet.server.ServerOptions.MAX_CONNECTIONS;
import static dev.duet.server.ServerOptions.MODE;
import static dev.duet.server.ServerOptions.PORT;
import static dev.duet.server.ServerOptions.QUIET;

import dev.duet.common.Arguments;
import dev.duet.common.UnixSockets;
import dev.duet.server.EchoConfig;
import dev.duet.server.ServerOptions;
import dev.duet.server.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a stream echo server listens: a TCP address or a Unix-domain socket path, and for a socket
 * file, the permissions it is created with; for TCP, whether it speaks TLS. The values of {@link ServerOptions#TCP} or {@link
 * ServerOptions#UNIX}.
 */
public record StreamServerConfig(
        SocketAddress address,
        Set<PosixFilePermission> socketMode,
        boolean quiet,
        int maxConnections,
        int backlog,
        TlsConfig tls)
        implements EchoConfig {

    public static StreamServerConfig tcp(Arguments a) {
        return new StreamServerConfig(
                new InetSocketAddress(a.get(HOST), a.get(PORT)),
                FileMode.OWNER_ONLY,
                a.get(QUIET),
                a.get(MAX_CONNECTIONS),
                a.get(BACKLOG),
                TlsConfig.from(a));
    }

    public static StreamServerConfig unix(Arguments a) {
        return new StreamServerConfig(
                UnixDomainSocketAddress.of(a.get(UnixSockets.PATH)),
                a.get(MODE),
                a.get(QUIET),
                a.get(MAX_CONNECTIONS),
                a.get(BACKLOG),
                TlsConfig.OFF);
    }

    /** The TCP configuration these command-line words give, with no environment: for tests. */
    public static StreamServerConfig tcp(String... words) {
        return tcp(Arguments.parse(ServerOptions.TCP, List.of(words), Map.of()));
    }

    /** The Unix-socket configuration these command-line words give, with no environment: for tests. */
    public static StreamServerConfig unix(String... words) {
        return unix(Arguments.parse(ServerOptions.UNIX, List.of(words), Map.of()));
    }

    public boolean isUnix() {
        return address instanceof UnixDomainSocketAddress;
    }

    @Override
    public Optional<InetSocketAddress> tcpAddress() {
        return address instanceof InetSocketAddress inet ? Optional.of(inet) : Optional.empty();
    }

    @Override
    public String where() {
        return tcpAddress()
                .map(inet -> inet.getHostString() + ":" + inet.getPort())
                .orElse(address.toString());
    }
}
