package dev.duet.client.http;

import static dev.duet.client.ClientOptions.GET_COUNT;
import static dev.duet.client.ClientOptions.GET_INTERVAL;
import static dev.duet.client.ClientOptions.HTTP2;
import static dev.duet.client.ClientOptions.INCLUDE;
import static dev.duet.client.ClientOptions.JSON;
import static dev.duet.client.ClientOptions.RETRY_FOR;
import static dev.duet.client.ClientOptions.TIMEOUT;
import static dev.duet.client.ClientOptions.URL;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.common.Arguments;
import dev.duet.common.LogText;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * One {@code duet-client get} run: what to fetch, how often, and how long to wait. The values of
 * {@link ClientOptions#GET}.
 *
 * @param count   how many requests; empty means until interrupted
 * @param include print the answer's headers too (-i)
 */
public record GetConfig(
        HttpUrl url,
        Duration interval,
        Optional<Integer> count,
        Duration timeout,
        Duration retryFor,
        boolean json,
        boolean include,
        boolean http2,
        RequestSpec request,
        ClientTls tls) {

    public static GetConfig from(Arguments a) throws Failure {
        Optional<Duration> interval = a.get(GET_INTERVAL);
        return new GetConfig(
                parseUrl(a.get(URL)),
                interval.orElse(Duration.ofSeconds(3)),
                // one request, like the article's client, unless asked to repeat
                a.get(GET_COUNT).or(() -> interval.isPresent() ? Optional.empty() : Optional.of(1)),
                a.get(TIMEOUT),
                a.get(RETRY_FOR),
                a.get(JSON),
                a.get(INCLUDE),
                a.get(HTTP2),
                RequestSpec.from(a),
                ClientTls.from(a));
    }

    /** Accepts {@code host:port/path} as curl does, taking http as the scheme. */
    public static HttpUrl parseUrl(String text) throws Failure {
        String withScheme = text.contains("://") ? text : "http://" + text;
        HttpUrl url = HttpUrl.parse(withScheme);
        if (url == null) {
            throw new Failure(
                    Failure.Kind.MALFORMED_URL, "not a valid http or https URL: " + LogText.quote(ShownUrl.of(text)));
        }
        return url;
    }
}
