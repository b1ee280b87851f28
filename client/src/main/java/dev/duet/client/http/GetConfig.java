package dev.duet.client.http;

import dev.duet.client.ExitCodes;
import dev.duet.common.Cli;
import dev.duet.common.Settings;
import dev.duet.common.UsageException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * One {@code duet-client get} run: what to fetch, how often, and how long to wait.
 *
 * @param count how many requests; empty means until interrupted
 */
public record GetConfig(
        HttpUrl url, Duration interval, Optional<Integer> count, Duration timeout, Duration retryFor, boolean json) {

    public static GetConfig from(List<String> positionals, Settings s) {
        if (positionals.isEmpty()) {
            throw new UsageException("missing URL");
        }
        if (positionals.size() > 1) {
            throw UsageException.unexpectedArgument(positionals.get(1));
        }
        Optional<Duration> interval = s.optionalDuration("--interval", "DUET_INTERVAL");
        Optional<Integer> count = s.optionalString("--count", "DUET_COUNT")
                .map(ignored -> s.integer("--count", "DUET_COUNT", 1, 1, Integer.MAX_VALUE));
        if (interval.isPresent() && interval.get().isZero()) {
            throw new UsageException("--interval must be more than 0");
        }
        return new GetConfig(
                parseUrl(positionals.get(0)),
                interval.orElse(Duration.ofSeconds(3)),
                // one request, like the article's client, unless asked to repeat
                interval.isPresent() ? count : Optional.of(count.orElse(1)),
                s.duration("--timeout", "DUET_TIMEOUT", Duration.ofSeconds(10)),
                s.duration("--retry-for", "DUET_RETRY_FOR", Duration.ZERO),
                s.flag("--json", "DUET_JSON"));
    }

    /** Accepts {@code host:port/path} as curl does, taking http as the scheme. */
    public static HttpUrl parseUrl(String text) {
        String withScheme = text.contains("://") ? text : "http://" + text;
        HttpUrl url = HttpUrl.parse(withScheme);
        if (url == null) {
            throw new Cli.Failure(
                    ExitCodes.MALFORMED_URL, "not a valid http or https URL: " + dev.duet.common.LogText.quote(text));
        }
        return url;
    }
}
