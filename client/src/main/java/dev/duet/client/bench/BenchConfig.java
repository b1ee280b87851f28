package dev.duet.client.bench;

import dev.duet.client.http.GetConfig;
import dev.duet.client.stream.StreamClientConfig;
import dev.duet.common.Settings;
import dev.duet.common.UsageException;
import java.time.Duration;
import java.util.List;

/**
 * {@code duet-client bench [tcp|unix] TARGET}: how hard and how long to load one server.
 *
 * @param http   the URL to GET, or null
 * @param stream where to send echo round trips over a socket, or null
 * @param fork   round trips with a child JVM over the fork channel
 */
public record BenchConfig(
        okhttp3.HttpUrl http,
        StreamClientConfig stream,
        boolean fork,
        String message,
        int concurrency,
        Duration duration,
        Duration timeout) {

    public static BenchConfig from(List<String> positionals, Settings s) {
        if (positionals.isEmpty()) {
            throw new UsageException("bench needs a URL, or tcp HOST:PORT, or unix PATH, or fork");
        }
        int concurrency = s.integer("--concurrency", "DUET_CONCURRENCY", 50, 1, 10_000);
        Duration duration = s.duration("--duration", "DUET_DURATION", Duration.ofSeconds(10));
        if (duration.isZero()) {
            throw new UsageException("--duration must be more than 0");
        }
        Duration timeout = s.duration("--timeout", "DUET_TIMEOUT", Duration.ofSeconds(10));
        String kind = positionals.get(0);
        List<String> rest = positionals.subList(1, positionals.size());
        return switch (kind) {
            case "tcp" ->
                new BenchConfig(null, StreamClientConfig.tcp(rest, s), false, null, concurrency, duration, timeout);
            case "unix" ->
                new BenchConfig(null, StreamClientConfig.unix(rest, s), false, null, concurrency, duration, timeout);
            case "fork" -> {
                if (!rest.isEmpty()) {
                    throw UsageException.unexpectedArgument(rest.get(0));
                }
                yield new BenchConfig(
                        null,
                        null,
                        true,
                        s.string("--message", "DUET_MESSAGE", "hi"),
                        s.optionalString("--concurrency", "DUET_CONCURRENCY").isPresent() ? concurrency : 1,
                        duration,
                        timeout);
            }
            default -> {
                if (positionals.size() > 1) {
                    throw UsageException.unexpectedArgument(positionals.get(1));
                }
                yield new BenchConfig(GetConfig.parseUrl(kind), null, false, null, concurrency, duration, timeout);
            }
        };
    }

    String target() {
        return http != null ? http.toString() : stream != null ? stream.name() : "fork";
    }
}
