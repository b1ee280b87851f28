package dev.duet.client.stream;

import dev.duet.common.Ports;
import dev.duet.common.Settings;
import dev.duet.common.UnixSockets;
import dev.duet.common.UsageException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One {@code duet-client tcp|unix} run: where to connect, what to send, how often, how many times.
 *
 * @param count how many messages; empty means until interrupted
 */
public record StreamClientConfig(
        SocketAddress address,
        String name,
        String message,
        Duration interval,
        Optional<Integer> count,
        Duration timeout) {

    public static StreamClientConfig tcp(List<String> positionals, Settings s) {
        String target = single(positionals, "localhost:" + Ports.DEFAULT);
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new UsageException("expected HOST:PORT, got \"" + target + "\"");
        }
        String host = target.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("expected a port number (1-65535) in \"" + target + "\"");
        }
        return from(InetSocketAddress.createUnresolved(host, port), target, s);
    }

    public static StreamClientConfig unix(List<String> positionals, Settings s) {
        String path = single(
                positionals,
                s.string("--path", "DUET_SOCKET", UnixSockets.defaultPath().toString()));
        return from(UnixDomainSocketAddress.of(UnixSockets.parse("socket path", path)), path, s);
    }

    private static StreamClientConfig from(SocketAddress address, String name, Settings s) {
        String message = s.string("--message", "DUET_MESSAGE", "hello");
        if (message.isEmpty()) {
            throw new UsageException("--message must not be empty");
        }
        Optional<Integer> count = s.optionalString("--count", "DUET_COUNT")
                .map(ignored -> s.integer("--count", "DUET_COUNT", 1, 1, Integer.MAX_VALUE));
        return new StreamClientConfig(
                address,
                name,
                message,
                s.duration("--interval", "DUET_INTERVAL", Duration.ofSeconds(3)),
                count,
                s.duration("--timeout", "DUET_TIMEOUT", Duration.ofSeconds(10)));
    }

    private static String single(List<String> positionals, String fallback) {
        if (positionals.size() > 1) {
            throw UsageException.unexpectedArgument(positionals.get(1));
        }
        return positionals.isEmpty() ? fallback : positionals.get(0);
    }
}
