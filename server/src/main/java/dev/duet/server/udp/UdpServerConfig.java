package dev.duet.server.udp;

import static dev.duet.server.ServerOptions.HOST;
import static dev.duet.server.ServerOptions.MAX_DATAGRAM;
import static dev.duet.server.ServerOptions.QUIET;
import static dev.duet.server.ServerOptions.UDP_PORT;

import dev.duet.common.Arguments;
import dev.duet.server.EchoConfig;
import dev.duet.server.ServerOptions;
import dev.duet.server.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the UDP echo listens: the values of {@link ServerOptions#UDP}.
 *
 * @param maxDatagram the largest datagram echoed, in bytes
 */
public record UdpServerConfig(InetSocketAddress address, int maxDatagram, boolean quiet) implements EchoConfig {

    public static UdpServerConfig from(Arguments a) {
        return new UdpServerConfig(
                new InetSocketAddress(a.get(HOST), a.get(UDP_PORT)),
                a.get(MAX_DATAGRAM).intValue(),
                a.get(QUIET));
    }

    /** The configuration these command-line words give, with no environment: for tests. */
    public static UdpServerConfig of(String... words) {
        return from(Arguments.parse(ServerOptions.UDP, List.of(words), Map.of()));
    }

    /** None: a UDP port of the control plane's number is another port. */
    @Override
    public Optional<InetSocketAddress> tcpAddress() {
        return Optional.empty();
    }

    @Override
    public String where() {
        return address.getHostString() + ":" + address.getPort() + " (udp)";
    }

    /** Datagrams are echoed in the clear (DTLS is not offered). */
    @Override
    public TlsConfig tls() {
        return TlsConfig.OFF;
    }
}
