package dev.duet.client.diff;

import static dev.duet.client.ClientOptions.DIFF_JSON;
import static dev.duet.client.ClientOptions.EXPECT_SAME;
import static dev.duet.client.ClientOptions.HTTP2;
import static dev.duet.client.ClientOptions.TIMEOUT;
import static dev.duet.client.ClientOptions.URL;

import dev.duet.client.ClientOptions;
import dev.duet.client.Failure;
import dev.duet.client.http.ClientTls;
import dev.duet.client.http.GetConfig;
import dev.duet.client.http.RequestSpec;
import dev.duet.common.Arguments;
import dev.duet.common.UsageException;
import java.time.Duration;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * One {@code duet-client diff} run: the request to send and how to report what the path did to
 * it. The values of {@link ClientOptions#DIFF}.
 *
 * @param expectSame any difference is a failure (exit 1)
 */
public record DiffConfig(
        HttpUrl url,
        RequestSpec request,
        boolean http2,
        ClientTls tls,
        Duration timeout,
        boolean json,
        boolean expectSame) {

    public static DiffConfig from(Arguments a) throws Failure {
        DiffConfig config = new DiffConfig(
                GetConfig.parseUrl(a.get(URL)),
                RequestSpec.from(a),
                a.get(HTTP2),
                ClientTls.from(a),
                a.get(TIMEOUT),
                a.get(DIFF_JSON),
                a.get(EXPECT_SAME));
        if (config.request.method().equals("HEAD")) {
            throw new UsageException("diff reads what arrived from the server's JSON echo, and a HEAD answer has none");
        }
        boolean otherAccept = config.request.headers().stream()
                .anyMatch(h -> h.name().equalsIgnoreCase("Accept")
                        && !h.value().toLowerCase(Locale.ROOT).contains("application/json"));
        if (otherAccept) {
            throw new UsageException(
                    "diff asks for the JSON echo (Accept: application/json); it cannot send another" + " Accept");
        }
        return config;
    }
}
