package dev.duet.client.fork;

import dev.duet.common.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code duet-client fork}: how often the child says hello, and how many of its messages the parent
 * answers before it closes the channel (empty: until interrupted).
 */
public record ForkConfig(Duration interval, Optional<Integer> count) {

    public static ForkConfig from(Settings s) {
        Optional<Integer> count = s.optionalString("--count", "DUET_COUNT")
                .map(ignored -> s.integer("--count", "DUET_COUNT", 1, 1, Integer.MAX_VALUE));
        return new ForkConfig(s.duration("--interval", "DUET_INTERVAL", Duration.ofSeconds(3)), count);
    }
}
