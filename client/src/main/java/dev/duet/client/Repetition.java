package dev.duet.client;

import static dev.duet.client.ClientOptions.INTERVAL;

import dev.duet.common.Arguments;
import dev.duet.common.Option;
import java.time.Duration;
import java.util.Optional;

/**
 * How often and how many times a command sends, as {@code --interval} and {@code --count} say, the
 * same for get, tcp, unix, ws and fork: once by default; with --count, that many back to back; with
 * --interval, at that pace (the article's is 3s) until interrupted or --count is reached.
 */
public final class Repetition {
    private Repetition() {}

    /** The time between sends; zero: back to back. */
    public static Duration interval(Arguments a) {
        return a.get(INTERVAL).orElse(Duration.ZERO);
    }

    /** How many; empty: until interrupted. */
    public static Optional<Integer> count(Arguments a, Option<Optional<Integer>> count) {
        return a.get(count).or(() -> a.get(INTERVAL).isPresent() ? Optional.empty() : Optional.of(1));
    }
}
