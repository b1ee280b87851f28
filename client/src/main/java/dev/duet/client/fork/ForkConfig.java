package dev.duet.client.fork;

import static dev.duet.client.ClientOptions.COUNT;

import dev.duet.client.ClientOptions;
import dev.duet.client.Repetition;
import dev.duet.common.Arguments;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code duet-client fork}: how often the child says hello (zero: as soon as it is answered), and
 * how many of its messages the parent answers before it closes the channel (empty: until
 * interrupted). The values of {@link
 * ClientOptions#FORK}.
 */
public record ForkConfig(Duration interval, Optional<Integer> count) {

    public static ForkConfig from(Arguments a) {
        return new ForkConfig(Repetition.interval(a), Repetition.count(a, COUNT));
    }
}
