package dev.duet.server;

import dev.duet.server.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What every echo's configuration tells the rest of a run, whatever its transport: where it was
 * asked to listen and whether with TLS. ({@code HttpServerConfig} and {@code StreamServerConfig}
 * live in the packages of their servers, so the interface cannot be sealed without modules; the
 * lifecycle matches on them and fails loudly on any other.)
 */
public interface EchoConfig {
    /** The TCP address asked for (port 0: any), or empty for a Unix-domain socket. */
    Optional<InetSocketAddress> tcpAddress();

    /** Where it was asked to listen, as a user wrote it: {@code HOST:PORT}, or a socket path. */
    String where();

    TlsConfig tls();
}
