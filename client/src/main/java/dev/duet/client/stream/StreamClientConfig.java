package dev.duet.client.stream;

import static dev.duet.client.ClientOptions.ADDRESS;
import static dev.duet.client.ClientOptions.COUNT;
import static dev.duet.client.ClientOptions.MESSAGE;
import static dev.duet.client.ClientOptions.STREAM_TLS;
import static dev.duet.client.ClientOptions.TIMEOUT;

import dev.duet.client.ClientOptions;
import dev.duet.client.Repetition;
import dev.duet.client.http.ClientTls;
import dev.duet.common.Arguments;
import dev.duet.common.UnixSockets;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One {@code duet-client tcp|unix} run: where to connect, what to send, how often, how many times.
 * The values of {@link ClientOptions#TCP} or {@link ClientOptions#UNIX}.
 *
 * @param name  the address as the user wrote it, for messages
 * @param count how many messages; empty means until interrupted
 * @param tls   TLS over TCP (--tls, or implied by --cacert, -k, --cert), whom it trusts and what it
 *     presents; empty for none
 */
public record StreamClientConfig(
        SocketAddress address,
        String name,
        String message,
        Duration interval,
        Optional<Integer> count,
        Duration timeout,
        Optional<ClientTls> tls) {

    public static StreamClientConfig tcp(Arguments a) {
        InetSocketAddress address = a.get(ADDRESS);
        ClientTls tls = ClientTls.from(a);
        // a CA to trust, -k or a client certificate can only mean TLS
        boolean overTls = a.get(STREAM_TLS) || !tls.equals(ClientTls.DEFAULT);
        return new StreamClientConfig(
                address,
                HostPort.format(address),
                a.get(MESSAGE),
                Repetition.interval(a),
                Repetition.count(a, COUNT),
                a.get(TIMEOUT),
                overTls ? Optional.of(tls) : Optional.empty());
    }

    public static StreamClientConfig unix(Arguments a) {
        Path path = a.get(UnixSockets.PATH);
        return new StreamClientConfig(
                UnixDomainSocketAddress.of(path),
                path.toString(),
                a.get(MESSAGE),
                Repetition.interval(a),
                Repetition.count(a, COUNT),
                a.get(TIMEOUT),
                Optional.empty());
    }
}
