package dev.duet.client.http;

import static dev.duet.client.ClientOptions.CONNECT_TO;
import static dev.duet.client.ClientOptions.GET_COUNT;
import static dev.duet.client.ClientOptions.HTTP2;
import static dev.duet.client.ClientOptions.INCLUDE;
import static dev.duet.client.ClientOptions.JSON;
import static dev.duet.client.ClientOptions.LOCATION;
import static dev.duet.client.ClientOptions.OUTPUT;
import static dev.duet.client.ClientOptions.RESOLVE;
import static dev.duet.client.ClientOptions.RETRY_FOR;
import static dev.duet.client.ClientOptions.RUN_ID;
import static dev.duet.client.ClientOptions.TALLY;
import static dev.duet.client.ClientOptions.TIMEOUT;
import static dev.duet.client.ClientOptions.URL;
import static dev.duet.client.ClientOptions.VERBOSE;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.Repetition;
import dev.duet.common.Arguments;
import dev.duet.common.LogText;
import dev.duet.common.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * One {@code duet-client get} run: what to fetch, how often, and how long to wait. The values of
 * {@link ClientOptions#GET}.
 *
 * @param count   how many requests; empty means until interrupted
 * @param tally   count which server answered each request instead of printing the answers
 * @param include print the answer's headers too (-i)
 * @param output  where the body goes instead of stdout (-o)
 * @param verbose print the request and answer heads to stderr (-v)
 * @param runId   number each request so the server counts what arrives ({@code dev.duet.client.count})
 */
public record GetConfig(
        HttpUrl url,
        Duration interval,
        Optional<Integer> count,
        Duration timeout,
        Duration retryFor,
        boolean json,
        boolean tally,
        boolean include,
        boolean http2,
        RequestSpec request,
        ClientTls tls,
        Optional<Path> output,
        boolean verbose,
        boolean followRedirects,
        Routes routes,
        boolean runId) {

    /** How many requests --tally sends when --count does not say. */
    public static final int TALLY_COUNT = 20;

    public static GetConfig from(Arguments a) throws Failure {
        boolean tally = a.get(TALLY);
        GetConfig config = new GetConfig(
                parseUrl(a.get(URL)),
                Repetition.interval(a),
                // a tally must end to be shown
                tally && a.get(GET_COUNT).isEmpty() ? Optional.of(TALLY_COUNT) : Repetition.count(a, GET_COUNT),
                a.get(TIMEOUT),
                a.get(RETRY_FOR),
                a.get(JSON),
                tally,
                a.get(INCLUDE),
                a.get(HTTP2),
                RequestSpec.from(a),
                ClientTls.from(a),
                a.get(OUTPUT).filter(path -> !path.toString().equals("-")),
                a.get(VERBOSE),
                a.get(LOCATION),
                new Routes(a.get(RESOLVE), a.get(CONNECT_TO)),
                a.get(RUN_ID));
        if (tally && config.include) {
            throw new UsageException("--tally prints who answered, not the answers: it does not take -i");
        }
        if (tally && config.output.isPresent()) {
            throw new UsageException("--tally prints who answered, not the answers: it does not take -o");
        }
        if (tally && config.request.method().equals("HEAD")) {
            throw new UsageException("--tally reads the JSON echo, and an answer to -X HEAD has no body");
        }
        return config;
    }

    /** The same run, sending {@code newRequest} instead. */
    GetConfig withRequest(RequestSpec newRequest) {
        return new GetConfig(
                url,
                interval,
                count,
                timeout,
                retryFor,
                json,
                tally,
                include,
                http2,
                newRequest,
                tls,
                output,
                verbose,
                followRedirects,
                routes,
                runId);
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
