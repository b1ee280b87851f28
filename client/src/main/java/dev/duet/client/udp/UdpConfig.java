package dev.duet.client.udp;

import static dev.duet.client.ClientOptions.COUNT;
import static dev.duet.client.ClientOptions.DATAGRAM_SIZE;
import static dev.duet.client.ClientOptions.DATAGRAM_TIMEOUT;
import static dev.duet.client.ClientOptions.UDP_ADDRESS;
import static dev.duet.client.ClientOptions.UDP_JSON;

import dev.duet.client.ClientOptions;
import dev.duet.client.Repetition;
import dev.duet.client.stream.HostPort;
import dev.duet.common.Arguments;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * One {@code duet-client udp} run: where to send, how big, how often, how many, how long each echo
 * may take. The values of {@link ClientOptions#UDP}.
 *
 * @param name     the address as the user wrote it, for messages
 * @param interval zero: each datagram once the one before is echoed or lost
 * @param count    how many datagrams; empty means until interrupted
 */
public record UdpConfig(
        InetSocketAddress address,
        String name,
        int size,
        Duration interval,
        Optional<Integer> count,
        Duration timeout,
        boolean json) {

    public static UdpConfig from(Arguments a) {
        InetSocketAddress address = a.get(UDP_ADDRESS);
        return new UdpConfig(
                address,
                HostPort.format(address),
                a.get(DATAGRAM_SIZE).intValue(),
                Repetition.interval(a),
                Repetition.count(a, COUNT),
                a.get(DATAGRAM_TIMEOUT),
                a.get(UDP_JSON));
    }
}
